package io.github.ssosuite.auth.session;

import io.github.ssosuite.auth.session.SessionServiceClient.Session;
import io.github.ssosuite.auth.token.ServiceTokens;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Instant;
import java.util.List;

/**
 * The OP's view of SSO sessions, kept by session-service. A session that does not exist is {@code null}; any other
 * failure (session-service or Redis away) propagates as {@link SessionsUnavailable}, so nobody is logged in by
 * accident (DESIGN: fail closed).
 */
@ApplicationScoped
public class Sessions {

    /** session-service could not answer. */
    public static class SessionsUnavailable extends RuntimeException {
        public SessionsUnavailable(Throwable cause) {
            super("the session service is unavailable", cause);
        }
    }

    private final SessionServiceClient client;
    private final ServiceTokens tokens;

    public Sessions(@RestClient SessionServiceClient client, ServiceTokens tokens) {
        this.client = client;
        this.tokens = tokens;
    }

    public Uni<Session> create(String sub, Instant authTime, List<String> amr, String acr, String userAgent, String ip,
            String clientId) {
        return client.create(bearer(), new SessionServiceClient.Create(sub, authTime.getEpochSecond(), amr, acr,
                userAgent, ip, clientId)).onFailure().transform(SessionsUnavailable::new);
    }

    /** The live session, or null; not touched. */
    public Uni<Session> get(String sid) {
        return absentAsNull(client.get(bearer(), sid));
    }

    /** The live session with {@code clientId} joined (and touched), or null. */
    public Uni<Session> join(String sid, String clientId) {
        return absentAsNull(client.join(bearer(), sid, new SessionServiceClient.Join(clientId)));
    }

    public Uni<Session> reauthenticate(String sid, Instant authTime, List<String> amr, String acr) {
        return absentAsNull(client.reauthenticate(bearer(), sid,
                new SessionServiceClient.Reauthentication(authTime.getEpochSecond(), amr, acr)));
    }

    public Uni<SessionServiceClient.Ended> end(String sid, String reason) {
        return client.end(bearer(), sid, reason).onFailure().transform(SessionsUnavailable::new);
    }

    /** The user's live sessions, newest first. */
    public Uni<List<Session>> ofUser(String sub) {
        return client.ofUser(bearer(), sub).onFailure().transform(SessionsUnavailable::new);
    }

    /** Ends every session of the user: one user-wide event (checklist P5). */
    public Uni<SessionServiceClient.Ended> endAllOfUser(String sub, String reason) {
        return client.endAllOfUser(bearer(), sub, reason).onFailure().transform(SessionsUnavailable::new);
    }

    private Uni<Session> absentAsNull(Uni<Session> call) {
        return call.onFailure(e -> e instanceof WebApplicationException w && w.getResponse().getStatus() == 404)
                .recoverWithNull()
                .onFailure().transform(e -> e instanceof SessionsUnavailable ? e : new SessionsUnavailable(e));
    }

    private String bearer() {
        return "Bearer " + tokens.sessionServiceToken();
    }
}
