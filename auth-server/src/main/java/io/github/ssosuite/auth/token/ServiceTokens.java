package io.github.ssosuite.auth.token;

import io.github.ssosuite.auth.config.AuthServerConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bearer tokens auth-server presents to session-service and logout-dispatcher: what the client_credentials
 * grant would give a client "auth-server", signed directly (auth-server is the issuer). Reused until a minute
 * before they expire.
 */
@ApplicationScoped
public class ServiceTokens {

    private static final Duration LIFETIME = Duration.ofMinutes(10);

    private record Cached(String token, Instant renewAt, String kid) {
    }

    private final TokenSigner signer;
    private final AuthServerConfig config;
    private final io.github.ssosuite.auth.keys.SigningKeyService keys;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public ServiceTokens(TokenSigner signer, AuthServerConfig config, io.github.ssosuite.auth.keys.SigningKeyService keys) {
        this.signer = signer;
        this.config = config;
        this.keys = keys;
    }

    /** For session-service: every sessions scope. */
    public String sessionServiceToken() {
        return token(config.sessionService().audience(), "sessions:read sessions:write sessions:end");
    }

    /** For logout-dispatcher: reading the progress of a logout's deliveries. */
    public String dispatcherToken() {
        return token(config.logout().dispatcherAudience(), "deliveries:read");
    }

    private String token(String audience, String scope) {
        Instant now = Instant.now();
        Cached cached = cache.get(audience);
        String kid = keys.activeKey().kid();
        // a new token when the signing key changed too: after a rotation of a compromised key the old one is gone
        if (cached == null || now.isAfter(cached.renewAt()) || !kid.equals(cached.kid())) {
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("iss", config.issuer());
            claims.put("sub", "auth-server");
            claims.put("aud", audience);
            claims.put("client_id", "auth-server");
            claims.put("scope", scope);
            claims.put("iat", now.getEpochSecond());
            claims.put("exp", now.plus(LIFETIME).getEpochSecond());
            claims.put("jti", UUID.randomUUID().toString());
            cached = new Cached(signer.sign(claims, "at+jwt"), now.plus(LIFETIME).minus(Duration.ofMinutes(1)), kid);
            cache.put(audience, cached);
        }
        return cached.token();
    }
}
