package io.github.ssosuite.session.api;

import io.github.ssosuite.contracts.EndReason;
import io.github.ssosuite.session.SessionService;
import io.github.ssosuite.session.api.ApiViews.Ended;
import io.github.ssosuite.session.api.ApiViews.SessionView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/**
 * All sessions of one user: list them ("your devices"), or end them all — "sign out everywhere", a password
 * reset, an account deletion, an operator's action. Ending all produces one user-wide event: each client gets a
 * {@code sub}-only logout token once (checklist P5).
 */
@Path("/users/{sub}/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class UserSessionsResource {

    private final SessionService sessions;

    public UserSessionsResource(SessionService sessions) {
        this.sessions = sessions;
    }

    @GET
    @RolesAllowed(Scopes.READ)
    @Operation(summary = "List a user's live sessions, newest first")
    public Uni<List<SessionView>> list(@PathParam("sub") String sub) {
        return sessions.listByUser(ApiInput.identifier("sub", sub))
                .map(list -> list.stream().map(SessionView::of).toList());
    }

    @DELETE
    @RolesAllowed(Scopes.END)
    @Operation(summary = "End every session of a user and notify their clients; idempotent")
    public Uni<Ended> endAll(@PathParam("sub") String sub, @QueryParam("reason") String reason) {
        return sessions.endUser(ApiInput.identifier("sub", sub), ApiInput.reason(reason, EndReason.ADMIN))
                .map(Ended::of);
    }
}
