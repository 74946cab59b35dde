package io.github.ssosuite.auth.api;

import io.github.ssosuite.auth.keys.SigningKeyService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * {@code jwks_uri} (OIDC Discovery §3, RFC 7517 §5): the public keys that verify the OP's ID tokens, access
 * tokens and logout tokens. A new key appears here {@code auth.keys.publish-ahead} before it signs, so a cache of
 * five minutes is safe.
 */
@Path("/jwks")
public class JwksResource {

    private final SigningKeyService keys;

    public JwksResource(SigningKeyService keys) {
        this.keys = keys;
    }

    @GET
    @Produces("application/jwk-set+json")
    public Response jwks() {
        return Response.ok(Map.of("keys", keys.jwks())).header("Cache-Control", "public, max-age=300").build();
    }
}
