package io.github.ssosuite.auth.api;

import io.github.ssosuite.auth.token.AccessTokens;
import io.github.ssosuite.auth.user.UserRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The UserInfo endpoint (Core §5.3): claims about the user by the access token's scopes ({@code profile}:
 * preferred_username; {@code email}: email, email_verified). A token whose session has ended is refused (H4).
 */
@Path("/userinfo")
public class UserinfoResource {

    private final AccessTokens accessTokens;
    private final UserRepository users;

    public UserinfoResource(AccessTokens accessTokens, UserRepository users) {
        this.accessTokens = accessTokens;
        this.users = users;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> get(@HeaderParam("Authorization") String authorization) {
        return userinfo(authorization);
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> post(@HeaderParam("Authorization") String authorization) {
        return userinfo(authorization);
    }

    private Uni<Response> userinfo(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Uni.createFrom().item(unauthorized("invalid_request", "a bearer access token is required"));
        }
        return accessTokens.active(authorization.substring(7).trim()).chain(token -> {
            if (token == null || token.claim("sid") == null) {
                return Uni.createFrom().item(unauthorized("invalid_token", "the access token is not active"));
            }
            List<String> scopes = List.of(String.valueOf(token.claim("scope")).split(" "));
            if (!scopes.contains("openid")) {
                return Uni.createFrom().item(Response.status(403).header("WWW-Authenticate",
                        "Bearer error=\"insufficient_scope\"").build());
            }
            return Panache.withSession(() -> users.findById(token.claim("sub"))).map(user -> {
                if (user == null || user.disabled) {
                    return unauthorized("invalid_token", "the user is no longer active");
                }
                Map<String, Object> claims = new LinkedHashMap<>();
                claims.put("sub", user.id);
                if (scopes.contains("profile")) {
                    claims.put("preferred_username", user.username);
                }
                if (scopes.contains("email") && user.email != null) {
                    claims.put("email", user.email);
                    claims.put("email_verified", user.emailVerified);
                }
                return Response.ok(claims).header("Cache-Control", "no-store").build();
            });
        });
    }

    private static Response unauthorized(String error, String description) {
        return Response.status(401).header("WWW-Authenticate", "Bearer error=\"" + error + "\", error_description=\""
                + description + "\"").type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", error, "error_description", description)).build();
    }
}
