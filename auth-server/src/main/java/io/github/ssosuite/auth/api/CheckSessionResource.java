package io.github.ssosuite.auth.api;

import io.github.ssosuite.auth.client.ClientService;
import io.github.ssosuite.auth.oidc.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * OpenID Connect Session Management 1.0 (checklist G): the {@code check_session_iframe} that RPs embed, on the
 * issuer's origin (P16), and the origin check it uses. The page recomputes {@code session_state} from the
 * message's {@code client_id}, the sender's {@code e.origin} and the browser-state cookie, exactly as
 * {@link SessionState} does on the server, and answers {@code unchanged}, {@code changed} or {@code error} (G2);
 * messages from an origin that is not one of the client's redirect URI origins get no answer (G1, P17).
 */
@Path("/session/check")
public class CheckSessionResource {

    private final ClientService clients;
    private final String iframe;

    public CheckSessionResource(ClientService clients) {
        this.clients = clients;
        try (var in = CheckSessionResource.class.getResourceAsStream("/pages/check_session.html")) {
            this.iframe = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("pages/check_session.html is missing", e);
        }
    }

    /** The iframe page. Framing it is its purpose, so unlike every other OP page it may be framed. */
    @GET
    public Response page() {
        return Response.ok(iframe).type("text/html; charset=UTF-8")
                .header("Cache-Control", "public, max-age=300")
                .header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy", "default-src 'none'; script-src 'unsafe-inline'; connect-src 'self'")
                .build();
    }

    /**
     * 204 when {@code origin} (a browser's RFC 6454 serialisation) is the origin of one of the client's registered
     * redirect URIs, 404 otherwise: the iframe ignores messages from anywhere else.
     */
    @GET
    @Path("/origin")
    public Uni<Response> origin(@QueryParam("client_id") String clientId, @QueryParam("origin") String origin) {
        if (clientId == null || origin == null || origin.length() > 512) {
            return Uni.createFrom().item(Response.status(404).build());
        }
        return clients.find(clientId).map(client -> {
            boolean known = client != null && clients.list(client.redirectUris).stream()
                    .anyMatch(uri -> origin.equals(SessionState.origin(uri)));
            return Response.status(known ? 204 : 404).header("Cache-Control", "public, max-age=300").build();
        });
    }
}
