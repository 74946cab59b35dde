package io.github.ssosuite.auth.api;

import io.github.ssosuite.auth.client.ClientAuthentication;
import io.github.ssosuite.auth.token.AccessTokens;
import io.github.ssosuite.auth.token.TokenService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

/**
 * Token revocation (RFC 7009): a client revokes its own refresh token (and with it the token's family) or access
 * token. The answer is 200 whether or not the token was known (§2.2), so nothing can be probed.
 */
@Path("/revoke")
public class RevocationResource {

    private final ClientAuthentication clientAuthentication;
    private final AccessTokens accessTokens;
    private final TokenService tokens;

    public RevocationResource(ClientAuthentication clientAuthentication, AccessTokens accessTokens, TokenService tokens) {
        this.clientAuthentication = clientAuthentication;
        this.accessTokens = accessTokens;
        this.tokens = tokens;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> revoke(MultivaluedMap<String, String> form, @HeaderParam("Authorization") String authorization) {
        return clientAuthentication.authenticate(form, authorization).chain(client -> {
            String token = form.getFirst("token");
            if (token == null || token.isEmpty()) {
                throw OAuthError.invalidRequest("token is required");
            }
            Uni<Void> revoked = token.chars().filter(c -> c == '.').count() == 2
                    ? accessTokens.active(token).chain(verified -> verified != null
                            && client.clientId.equals(verified.claim("client_id")) ? accessTokens.revoke(verified)
                            : Uni.createFrom().voidItem())
                    : tokens.findRefresh(token).chain(row -> row != null && row.clientId.equals(client.clientId)
                            ? tokens.revokeFamily(row.familyId) : Uni.createFrom().voidItem());
            return revoked.map(v -> Response.ok().header("Cache-Control", "no-store").build());
        });
    }
}
