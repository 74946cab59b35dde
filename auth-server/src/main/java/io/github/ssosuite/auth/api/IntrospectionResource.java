package io.github.ssosuite.auth.api;

import io.github.ssosuite.auth.client.ClientAuthentication;
import io.github.ssosuite.auth.session.Sessions;
import io.github.ssosuite.auth.token.AccessTokens;
import io.github.ssosuite.auth.token.TokenService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token introspection (RFC 7662) for authenticated clients: access tokens and refresh tokens. A token of an ended
 * session is {@code active: false} at once (checklist H4), as is a revoked, used or expired one.
 */
@Path("/introspect")
public class IntrospectionResource {

    private final ClientAuthentication clientAuthentication;
    private final AccessTokens accessTokens;
    private final TokenService tokens;
    private final Sessions sessions;

    public IntrospectionResource(ClientAuthentication clientAuthentication, AccessTokens accessTokens,
            TokenService tokens, Sessions sessions) {
        this.clientAuthentication = clientAuthentication;
        this.accessTokens = accessTokens;
        this.tokens = tokens;
        this.sessions = sessions;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> introspect(MultivaluedMap<String, String> form, @HeaderParam("Authorization") String authorization) {
        return clientAuthentication.authenticate(form, authorization).chain(client -> {
            String token = form.getFirst("token");
            if (token == null || token.isEmpty()) {
                throw OAuthError.invalidRequest("token is required");
            }
            if (token.chars().filter(c -> c == '.').count() == 2) {
                return accessTokens.active(token).map(verified -> {
                    if (verified == null) {
                        return inactive();
                    }
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("active", true);
                    body.put("token_type", "Bearer");
                    for (String claim : new String[] {"scope", "client_id", "sub", "aud", "iss", "exp", "iat", "jti", "sid"}) {
                        if (verified.claims().containsKey(claim)) {
                            body.put(claim, verified.claims().get(claim));
                        }
                    }
                    return ok(body);
                });
            }
            return tokens.findRefresh(token).chain(row -> {
                if (row == null || row.usedAt != null || row.revokedAt != null || !row.expiresAt.isAfter(Instant.now())
                        || !row.clientId.equals(client.clientId)) {
                    return Uni.createFrom().item(inactive());
                }
                Uni<Boolean> alive = row.offline ? Uni.createFrom().item(true) : sessions.get(row.sid).map(s -> s != null);
                return alive.map(isAlive -> {
                    if (!isAlive) {
                        return inactive();
                    }
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("active", true);
                    body.put("token_type", "refresh_token");
                    body.put("scope", row.scope);
                    body.put("client_id", row.clientId);
                    body.put("sub", row.sub);
                    body.put("exp", row.expiresAt.getEpochSecond());
                    body.put("iat", row.issuedAt.getEpochSecond());
                    body.put("sid", row.sid);
                    return ok(body);
                });
            });
        });
    }

    private static Response inactive() {
        return ok(Map.of("active", false));
    }

    private static Response ok(Map<String, Object> body) {
        return Response.ok(body).header("Cache-Control", "no-store").build();
    }
}
