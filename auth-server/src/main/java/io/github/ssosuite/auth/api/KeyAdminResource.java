package io.github.ssosuite.auth.api;

import io.github.ssosuite.auth.keys.SigningKeyService;
import io.github.ssosuite.auth.keys.SigningKeyService.RotationMode;
import io.github.ssosuite.auth.token.AccessTokens;
import io.github.ssosuite.auth.token.JwsVerifier;
import io.github.ssosuite.contracts.keys.SigningKeys.Algorithm;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Operators' key management (issue 3: rotation on demand). Bearer access tokens from the client_credentials grant
 * with audience {@code auth-server}: scope {@code keys:read} lists the keys, {@code keys:rotate} rotates.
 * {@code POST /admin/keys/rotate?mode=planned|compromised&alg=RS256|ES256}.
 */
@Path("/admin/keys")
@Produces(MediaType.APPLICATION_JSON)
public class KeyAdminResource {

    static final String AUDIENCE = "auth-server";

    private final SigningKeyService keys;
    private final AccessTokens accessTokens;

    public KeyAdminResource(SigningKeyService keys, AccessTokens accessTokens) {
        this.keys = keys;
        this.accessTokens = accessTokens;
    }

    @GET
    public Uni<Response> list(@HeaderParam("Authorization") String authorization) {
        return authorized(authorization, "keys:read", token -> keys.list().map(all -> Response.ok(all).build()));
    }

    @POST
    @Path("/rotate")
    public Uni<Response> rotate(@HeaderParam("Authorization") String authorization, @QueryParam("mode") String mode,
            @QueryParam("alg") String alg) {
        RotationMode rotation;
        Algorithm algorithm;
        try {
            rotation = mode == null ? RotationMode.PLANNED : RotationMode.valueOf(mode.toUpperCase(Locale.ROOT));
            algorithm = alg == null ? null : Algorithm.valueOf(alg);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(error(400, "invalid_request", "mode is planned or compromised; alg is RS256 or ES256"));
        }
        return authorized(authorization, "keys:rotate", token -> keys.rotateNow(rotation, algorithm)
                .map(view -> Response.ok(view).build()));
    }

    private Uni<Response> authorized(String authorization, String scope,
            Function<JwsVerifier.Verified, Uni<Response>> action) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Uni.createFrom().item(error(401, "invalid_request", "a bearer access token is required"));
        }
        return accessTokens.active(authorization.substring(7).trim()).chain(token -> {
            if (token == null) {
                return Uni.createFrom().item(error(401, "invalid_token", "the access token is not active"));
            }
            Object aud = token.claims().get("aud");
            boolean forUs = aud instanceof List<?> l ? l.contains(AUDIENCE) : AUDIENCE.equals(aud);
            List<String> scopes = List.of(String.valueOf(token.claim("scope")).split(" "));
            if (!forUs || !scopes.contains(scope)) {
                return Uni.createFrom().item(error(403, "insufficient_scope", "needs scope " + scope));
            }
            return action.apply(token);
        });
    }

    private static Response error(int status, String error, String description) {
        Response.ResponseBuilder r = Response.status(status).type(MediaType.APPLICATION_JSON)
                .header("Cache-Control", "no-store").entity(Map.of("error", error, "error_description", description));
        if (status == 401 || status == 403) {
            r.header("WWW-Authenticate", "Bearer error=\"" + error + "\"");
        }
        return r.build();
    }
}
