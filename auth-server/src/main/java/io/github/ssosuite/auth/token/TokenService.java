package io.github.ssosuite.auth.token;

import io.github.ssosuite.auth.client.Secrets;
import io.github.ssosuite.auth.config.AuthServerConfig;
import io.github.ssosuite.auth.token.IdTokenClaims.Authentication;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Mints the tokens of a grant: access token, ID token, refresh token (stored, rotated). */
@ApplicationScoped
public class TokenService {

    /** A token response (RFC 6749 §5.1) and what was issued, for replay handling. */
    public record Issued(Map<String, Object> response, String refreshFamily, String accessTokenId) {
    }

    private final AuthServerConfig config;
    private final TokenSigner signer;

    public TokenService(AuthServerConfig config, TokenSigner signer) {
        this.config = config;
        this.signer = signer;
    }

    /**
     * Tokens for a user grant. A refresh token comes with them when the client may use the refresh_token grant;
     * with {@code offline_access} granted it outlives the session (H1). {@code refreshFamily} continues a rotation.
     */
    public Uni<Issued> forUser(String clientId, Authentication auth, List<String> scopes, String nonce,
            boolean refreshAllowed, String refreshFamily) {
        Instant now = Instant.now();
        String scope = String.join(" ", scopes);
        String jti = UUID.randomUUID().toString();
        String accessToken = signer.sign(IdTokenClaims.accessToken(config.issuer(), config.issuer(), clientId, auth.sub(),
                auth.sid(), scope, auth.authTime(), jti, now, config.tokens().accessTokenLifetime()), "at+jwt");
        String idToken = signer.sign(IdTokenClaims.idToken(config.issuer(), clientId, auth, nonce, accessToken, now,
                config.tokens().idTokenLifetime()), "JWT");
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("access_token", accessToken);
        response.put("token_type", "Bearer");
        response.put("expires_in", config.tokens().accessTokenLifetime().toSeconds());
        response.put("id_token", idToken);
        response.put("scope", scope);
        if (!refreshAllowed) {
            return Uni.createFrom().item(new Issued(response, null, jti));
        }
        boolean offline = scopes.contains("offline_access");
        String family = refreshFamily != null ? refreshFamily : UUID.randomUUID().toString();
        String refreshToken = Secrets.random(32);
        RefreshTokenEntity row = new RefreshTokenEntity();
        row.tokenHash = Secrets.hash(refreshToken);
        row.familyId = family;
        row.clientId = clientId;
        row.sub = auth.sub();
        row.sid = auth.sid();
        row.scope = scope;
        row.offline = offline;
        row.authTime = auth.authTime();
        row.acr = auth.acr();
        row.amr = String.join(" ", auth.amr());
        row.issuedAt = now;
        row.expiresAt = now.plus(offline ? config.tokens().offlineRefreshTokenLifetime()
                : config.tokens().refreshTokenLifetime());
        response.put("refresh_token", refreshToken);
        return Panache.withTransaction(row::persist).replaceWith(new Issued(response, family, jti));
    }

    /** A service token (client_credentials): no user, no session, audiences from the scopes. */
    public Map<String, Object> forService(String clientId, List<String> scopes) {
        Instant now = Instant.now();
        Map<String, String> byScope = ScopeAudiences.parse(config.tokens().scopeAudiences());
        List<String> audiences = scopes.stream().map(byScope::get)
                .filter(java.util.Objects::nonNull).distinct().toList();
        Object audience = audiences.isEmpty() ? config.issuer() : audiences.size() == 1 ? audiences.get(0) : audiences;
        String scope = String.join(" ", scopes);
        String accessToken = signer.sign(IdTokenClaims.accessToken(config.issuer(), audience, clientId, clientId, null,
                scope, null, UUID.randomUUID().toString(), now, config.tokens().accessTokenLifetime()), "at+jwt");
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("access_token", accessToken);
        response.put("token_type", "Bearer");
        response.put("expires_in", config.tokens().accessTokenLifetime().toSeconds());
        response.put("scope", scope);
        return response;
    }

    /** Revokes every refresh token of a family (reuse detected, code replayed). */
    public Uni<Void> revokeFamily(String familyId) {
        return Panache.withTransaction(() -> RefreshTokenEntity.update(
                "revokedAt = ?1 where familyId = ?2 and revokedAt is null", Instant.now(), familyId)).replaceWithVoid();
    }

    public Uni<RefreshTokenEntity> findRefresh(String token) {
        return Panache.withSession(() -> RefreshTokenEntity.findById(Secrets.hash(token)));
    }

    /** Marks {@code row} used, unless it already was (two redemptions racing): true if this call did. */
    public Uni<Boolean> markUsed(RefreshTokenEntity row) {
        return Panache.withTransaction(() -> RefreshTokenEntity.update(
                        "usedAt = ?1 where tokenHash = ?2 and usedAt is null and revokedAt is null", Instant.now(),
                        row.tokenHash))
                .map(updated -> updated == 1);
    }
}
