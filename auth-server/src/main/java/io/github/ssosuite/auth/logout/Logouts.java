package io.github.ssosuite.auth.logout;

import io.github.ssosuite.auth.client.ClientService;
import io.github.ssosuite.auth.config.AuthServerConfig;
import io.github.ssosuite.auth.oidc.FrontChannelLogout;
import io.github.ssosuite.auth.session.SessionServiceClient.Ended;
import io.github.ssosuite.auth.session.SessionServiceClient.Session;
import io.github.ssosuite.auth.session.Sessions;
import io.github.ssosuite.auth.token.ServiceTokens;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Ends a browser's SSO session and gets its RPs told (DESIGN flows 4 and 6): session-service ends the session and
 * records the event; the dispatcher is then asked, for at most {@code auth.logout.backchannel-wait}, whether every
 * back-channel delivery of it had its first attempt (checklist D11, P7); the front-channel iframe URLs of the
 * session's clients come back for the logged-out page (E1, E2). A dispatcher that does not answer delays the
 * logout by the bound at most and never fails it: the deliveries go on in the background regardless.
 */
@ApplicationScoped
public class Logouts {

    private static final Logger LOG = Logger.getLogger(Logouts.class);

    /** What the logged-out page needs: the front-channel iframes, and whether the back-channel wait was met. */
    public record Outcome(List<String> frontchannelUrls, boolean backchannelNotified) {
        public static final Outcome NOTHING = new Outcome(List.of(), true);
    }

    private final Sessions sessions;
    private final ClientService clients;
    private final LogoutDispatcherClient dispatcher;
    private final ServiceTokens tokens;
    private final AuthServerConfig config;

    public Logouts(Sessions sessions, ClientService clients, @RestClient LogoutDispatcherClient dispatcher,
            ServiceTokens tokens, AuthServerConfig config) {
        this.sessions = sessions;
        this.clients = clients;
        this.dispatcher = dispatcher;
        this.tokens = tokens;
        this.config = config;
    }

    /** Ends session {@code sid} (if it still lives) for {@code reason}, waits for the back channel, lists the iframes. */
    public Uni<Outcome> end(String sid, String reason) {
        if (sid == null) {
            return Uni.createFrom().item(Outcome.NOTHING);
        }
        return sessions.get(sid).chain(session -> {
            if (session == null) {
                return Uni.createFrom().item(Outcome.NOTHING);
            }
            return sessions.end(sid, reason).chain(ended -> Uni.combine().all()
                    .unis(awaitFirstAttempts(ended), frontchannelUrls(session)).asTuple()
                    .map(t -> new Outcome(t.getItem2(), t.getItem1())));
        });
    }

    /** Ends every session of {@code sub} (one user-wide event) and waits for its first attempts. */
    public Uni<Boolean> endAllOfUser(String sub, String reason) {
        return sessions.endAllOfUser(sub, reason).chain(this::awaitFirstAttempts);
    }

    /** True when every delivery of every event had its first attempt within the bound. */
    Uni<Boolean> awaitFirstAttempts(Ended ended) {
        if (ended.eventIds() == null || ended.eventIds().isEmpty()) {
            return Uni.createFrom().item(true);
        }
        Duration bound = config.logout().backchannelWait();
        if (bound.isZero() || bound.isNegative()) {
            return Uni.createFrom().item(false);
        }
        List<Uni<Boolean>> waits = new ArrayList<>();
        for (String eventId : ended.eventIds()) {
            waits.add(dispatcher.progress("Bearer " + tokens.dispatcherToken(), eventId, bound.toString())
                    .map(LogoutDispatcherClient.Progress::firstAttemptsDone)
                    .ifNoItem().after(bound.plusMillis(500)).fail()
                    .onFailure().recoverWithItem(e -> {
                        LOG.warnf("logout-dispatcher did not confirm the first attempts of event %s (%s); "
                                + "redirecting anyway, deliveries go on", eventId, e.toString());
                        return false;
                    }));
        }
        return Uni.join().all(waits).andFailFast().map(all -> all.stream().allMatch(Boolean::booleanValue));
    }

    public Uni<List<String>> frontchannelUrls(Session session) {
        return clients.findAll(session.clientIds()).map(found -> found.stream()
                .filter(c -> c.frontchannelLogoutUri != null)
                .map(c -> FrontChannelLogout.iframeUrl(c.frontchannelLogoutUri, config.issuer(), session.sid()))
                .toList());
    }
}
