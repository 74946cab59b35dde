package io.github.ssosuite.auth.api;

import io.github.ssosuite.auth.authorize.RedisGrants;
import io.github.ssosuite.auth.client.ClientAuthentication;
import io.github.ssosuite.auth.client.ClientEntity;
import io.github.ssosuite.auth.client.ClientService;
import io.github.ssosuite.auth.oidc.Pkce;
import io.github.ssosuite.auth.session.Sessions;
import io.github.ssosuite.auth.token.IdTokenClaims.Authentication;
import io.github.ssosuite.auth.token.RefreshTokenEntity;
import io.github.ssosuite.auth.token.TokenService;
import io.quarkus.hibernate.reactive.panache.Panache;
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
import java.util.List;
import java.util.Map;

/**
 * The token endpoint (RFC 6749 §3.2, §4.1.3, §6, §4.4; Core §3.1.3): authorization_code (single use, PKCE, a
 * replay revokes what the code gave), refresh_token (rotation with reuse detection; bound to the session unless
 * offline_access), client_credentials (service tokens with scopes).
 */
@Path("/token")
public class TokenResource {

    private final ClientService clients;
    private final RedisGrants grants;
    private final TokenService tokens;
    private final Sessions sessions;
    private final ClientAuthentication clientAuthentication;

    public TokenResource(ClientService clients, RedisGrants grants, TokenService tokens, Sessions sessions,
            ClientAuthentication clientAuthentication) {
        this.clientAuthentication = clientAuthentication;
        this.clients = clients;
        this.grants = grants;
        this.tokens = tokens;
        this.sessions = sessions;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> token(MultivaluedMap<String, String> form, @HeaderParam("Authorization") String authorization) {
        for (var entry : form.entrySet()) {
            if (entry.getValue().size() > 1) {
                throw OAuthError.invalidRequest(entry.getKey() + " is repeated");
            }
        }
        return clientAuthentication.authenticate(form, authorization).chain(client -> {
            String grantType = form.getFirst("grant_type");
            if (grantType == null) {
                throw OAuthError.invalidRequest("grant_type is missing");
            }
            if (!List.of("authorization_code", "refresh_token", "client_credentials").contains(grantType)) {
                throw new OAuthError(400, "unsupported_grant_type", "grant_type " + grantType + " is not supported");
            }
            if (!clients.list(client.grantTypes).contains(grantType)) {
                throw new OAuthError(400, "unauthorized_client", "this client may not use " + grantType);
            }
            return switch (grantType) {
                case "authorization_code" -> authorizationCode(client, form);
                case "refresh_token" -> refresh(client, form);
                default -> Uni.createFrom().item(clientCredentials(client, form));
            };
        }).map(body -> Response.ok(body).header("Cache-Control", "no-store").header("Pragma", "no-cache").build());
    }

    private Uni<Map<String, Object>> authorizationCode(ClientEntity client, MultivaluedMap<String, String> form) {
        String code = form.getFirst("code");
        String redirectUri = form.getFirst("redirect_uri");
        if (code == null || redirectUri == null) {
            throw OAuthError.invalidRequest("code and redirect_uri are required");
        }
        return grants.redeemCode(code).chain(grant -> {
            if (grant == null) {
                // used before? then what it gave is revoked (RFC 6749 §4.1.2, §10.5)
                return grants.redemption(code).chain(previous -> previous == null ? invalidGrant("the code is not valid")
                        : tokens.revokeFamily(previous.refreshFamily() == null ? "-" : previous.refreshFamily())
                                .chain(() -> grants.revokeAccessToken(previous.accessTokenId()))
                                .chain(() -> invalidGrant("the code was already used; the tokens it gave are revoked")));
            }
            if (!grant.clientId().equals(client.clientId)) {
                return invalidGrant("the code was issued to another client");
            }
            if (!grant.redirectUri().equals(redirectUri)) {
                return invalidGrant("redirect_uri differs from the authorization request's");
            }
            String verifier = form.getFirst("code_verifier");
            if (grant.codeChallenge() != null ? !Pkce.verifies(verifier, grant.codeChallenge()) : verifier != null) {
                return invalidGrant("the code_verifier does not match the code_challenge");
            }
            // a code from a session that ended meanwhile gives nothing
            return sessions.get(grant.sid()).chain(session -> {
                if (session == null) {
                    return invalidGrant("the session of this code has ended");
                }
                var auth = new Authentication(grant.sub(), grant.sid(), grant.authTime(), grant.acr(), grant.amr());
                boolean refresh = clients.list(client.grantTypes).contains("refresh_token");
                return tokens.forUser(client.clientId, auth, grant.scopes(), grant.nonce(), refresh, null)
                        .call(issued -> grants.rememberRedemption(code,
                                new RedisGrants.Redeemed(issued.refreshFamily(), issued.accessTokenId())))
                        .map(TokenService.Issued::response);
            });
        });
    }

    private Uni<Map<String, Object>> refresh(ClientEntity client, MultivaluedMap<String, String> form) {
        String token = form.getFirst("refresh_token");
        if (token == null) {
            throw OAuthError.invalidRequest("refresh_token is required");
        }
        return tokens.findRefresh(token).chain(row -> {
            if (row == null || !row.clientId.equals(client.clientId)) {
                return invalidGrant("the refresh token is not valid");
            }
            if (row.usedAt != null || row.revokedAt != null) {
                // a rotated-out token presented again: stolen or replayed; the whole family goes
                return tokens.revokeFamily(row.familyId).chain(() -> invalidGrant("the refresh token was already used"));
            }
            if (!row.expiresAt.isAfter(Instant.now())) {
                return invalidGrant("the refresh token has expired");
            }
            List<String> scopes = narrowed(row, form.getFirst("scope"));
            Uni<Boolean> sessionAlive = row.offline ? Uni.createFrom().item(true)
                    : sessions.get(row.sid).map(session -> session != null);
            return sessionAlive.chain(alive -> {
                if (!alive) {
                    // H1: without offline_access a refresh token dies with its session
                    return tokens.revokeFamily(row.familyId).chain(() -> invalidGrant("the session has ended"));
                }
                var auth = new Authentication(row.sub, row.sid, row.authTime, row.acr,
                        row.amr == null || row.amr.isBlank() ? List.of() : List.of(row.amr.split(" ")));
                // One transaction (one commit) marks this token used and stores its successor; a token someone
                // else redeemed first leaves it with nothing, and the family is revoked outside it (a failure
                // inside would roll the revocation back).
                return Panache.withTransaction(() -> tokens.markUsed(row).chain(mine -> !mine
                                ? Uni.createFrom().<Map<String, Object>>nullItem()
                                // C3: no nonce in a refreshed ID token; C4/H3: auth_time and sid of the original
                                : tokens.forUser(client.clientId, auth, scopes, null, true, row.familyId)
                                        .map(TokenService.Issued::response)))
                        .chain(response -> response != null ? Uni.createFrom().item(response)
                                : tokens.revokeFamily(row.familyId).chain(() -> invalidGrant("the refresh token was already used")));
            });
        });
    }

    private Map<String, Object> clientCredentials(ClientEntity client, MultivaluedMap<String, String> form) {
        List<String> allowed = clients.grantableScopes(client);
        String scope = form.getFirst("scope");
        List<String> requested = scope == null || scope.isBlank() ? allowed : List.of(scope.trim().split("\\s+"));
        if (!allowed.containsAll(requested)) {
            throw new OAuthError(400, "invalid_scope", "the client may not request " + requested);
        }
        return tokens.forService(client.clientId, requested);
    }

    /** The scopes of a refresh: the original ones, or fewer when the client asks (RFC 6749 §6). */
    private static List<String> narrowed(RefreshTokenEntity row, String scope) {
        List<String> original = List.of(row.scope.split(" "));
        if (scope == null || scope.isBlank()) {
            return original;
        }
        List<String> requested = List.of(scope.trim().split("\\s+"));
        if (!original.containsAll(requested)) {
            throw new OAuthError(400, "invalid_scope", "a refresh may only narrow the original scope");
        }
        return requested;
    }

    private static <T> Uni<T> invalidGrant(String description) {
        return Uni.createFrom().failure(new OAuthError(400, "invalid_grant", description));
    }
}
