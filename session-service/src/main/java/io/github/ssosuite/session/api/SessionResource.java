package io.github.ssosuite.session.api;

import io.github.ssosuite.contracts.EndReason;
import io.github.ssosuite.session.SessionService;
import io.github.ssosuite.session.api.ApiViews.CreateSession;
import io.github.ssosuite.session.api.ApiViews.Ended;
import io.github.ssosuite.session.api.ApiViews.JoinClient;
import io.github.ssosuite.session.api.ApiViews.SessionView;
import io.github.ssosuite.session.model.NewSession;
import io.github.ssosuite.session.model.Session;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * One SSO session: create it at login, read it, touch it (sliding expiry) and add the clients that join it,
 * end it. Scopes: {@code sessions:write} to create, touch and join, {@code sessions:read} to read,
 * {@code sessions:end} to end.
 */
@Path("/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    private final SessionService sessions;

    public SessionResource(SessionService sessions) {
        this.sessions = sessions;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Scopes.WRITE)
    @Operation(summary = "Create a session for a login that just happened")
    public Uni<Response> create(CreateSession body) {
        if (body == null) {
            throw ProblemException.badRequest("a JSON body is required");
        }
        List<String> amr = body.amr() == null ? List.of() : body.amr();
        amr.forEach(value -> {
            ApiInput.identifier("amr value", value);
            if (value.contains(" ")) {
                throw ProblemException.badRequest("amr values contain no spaces");
            }
        });
        var login = new NewSession(
                ApiInput.identifier("sub", body.sub()),
                body.authTime() == null ? Instant.now() : Instant.ofEpochSecond(body.authTime()),
                amr,
                ApiInput.optionalText("acr", body.acr(), 255),
                ApiInput.optionalText("user_agent", body.userAgent(), 512),
                ApiInput.optionalText("ip", body.ip(), 64),
                body.clientId() == null ? null : ApiInput.identifier("client_id", body.clientId()));
        return sessions.create(login).map(created -> Response.created(URI.create("/sessions/" + created.sid()))
                .entity(SessionView.of(created)).build());
    }

    @GET
    @Path("/{sid}")
    @RolesAllowed(Scopes.READ)
    @Operation(summary = "Read a live session without touching it")
    public Uni<SessionView> get(@PathParam("sid") String sid) {
        return sessions.find(sid, null, false).map(SessionResource::found);
    }

    @POST
    @Path("/{sid}/touch")
    @RolesAllowed(Scopes.WRITE)
    @Operation(summary = "Read a live session and slide its idle expiry (never past the absolute one)")
    public Uni<SessionView> touch(@PathParam("sid") String sid) {
        return sessions.find(sid, null, true).map(SessionResource::found);
    }

    @POST
    @Path("/{sid}/clients")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Scopes.WRITE)
    @Operation(summary = "Record a client joining the session (and touch it)")
    public Uni<SessionView> join(@PathParam("sid") String sid, JoinClient body) {
        if (body == null) {
            throw ProblemException.badRequest("a JSON body is required");
        }
        String clientId = ApiInput.identifier("client_id", body.clientId());
        return sessions.find(sid, clientId, true).map(SessionResource::found);
    }

    @POST
    @Path("/{sid}/authentication")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Scopes.WRITE)
    @Operation(summary = "Record that the user authenticated again in this session (the sid stays; auth_time moves)")
    public Uni<SessionView> reauthenticate(@PathParam("sid") String sid, ApiViews.Reauthentication body) {
        if (body == null || body.authTime() == null) {
            throw ProblemException.badRequest("auth_time is required");
        }
        List<String> amr = body.amr() == null ? List.of() : body.amr();
        amr.forEach(value -> ApiInput.identifier("amr value", value));
        return sessions.reauthenticate(sid, Instant.ofEpochSecond(body.authTime()), amr,
                ApiInput.optionalText("acr", body.acr(), 255)).map(SessionResource::found);
    }

    @DELETE
    @Path("/{sid}")
    @RolesAllowed(Scopes.END)
    @Operation(summary = "End a session and notify its clients; idempotent")
    public Uni<Ended> end(@PathParam("sid") String sid, @QueryParam("reason") String reason) {
        return sessions.end(sid, ApiInput.reason(reason, EndReason.LOGOUT)).map(Ended::of);
    }

    private static SessionView found(Session session) {
        if (session == null) {
            throw ProblemException.notFound("no live session with this id");
        }
        return SessionView.of(session);
    }
}
