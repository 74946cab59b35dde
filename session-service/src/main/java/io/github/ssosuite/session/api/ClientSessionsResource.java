package io.github.ssosuite.session.api;

import io.github.ssosuite.contracts.EndReason;
import io.github.ssosuite.session.SessionService;
import io.github.ssosuite.session.api.ApiViews.Ended;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Every session a client joined, e.g. when the client is deleted or compromised. */
@Path("/clients/{clientId}/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class ClientSessionsResource {

    private final SessionService sessions;

    public ClientSessionsResource(SessionService sessions) {
        this.sessions = sessions;
    }

    @DELETE
    @RolesAllowed(Scopes.END)
    @Operation(summary = "End every session the client joined (one event per session); idempotent")
    public Uni<Ended> endAll(@PathParam("clientId") String clientId, @QueryParam("reason") String reason) {
        return sessions.endClient(ApiInput.identifier("client_id", clientId), ApiInput.reason(reason, EndReason.ADMIN))
                .map(Ended::of);
    }
}
