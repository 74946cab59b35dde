package io.github.ssosuite.auth.token;

import io.github.ssosuite.auth.config.AuthServerConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The bearer token auth-server presents to session-service: what the client_credentials grant would give a
 * client "auth-server" with every sessions scope, signed directly (auth-server is the issuer). Reused until a
 * minute before it expires.
 */
@ApplicationScoped
public class ServiceTokens {

    private static final Duration LIFETIME = Duration.ofMinutes(10);

    private final TokenSigner signer;
    private final AuthServerConfig config;
    private volatile String token;
    private volatile Instant renewAt = Instant.EPOCH;

    public ServiceTokens(TokenSigner signer, AuthServerConfig config) {
        this.signer = signer;
        this.config = config;
    }

    public String sessionServiceToken() {
        Instant now = Instant.now();
        if (token == null || now.isAfter(renewAt)) {
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("iss", config.issuer());
            claims.put("sub", "auth-server");
            claims.put("aud", config.sessionService().audience());
            claims.put("client_id", "auth-server");
            claims.put("scope", "sessions:read sessions:write sessions:end");
            claims.put("iat", now.getEpochSecond());
            claims.put("exp", now.plus(LIFETIME).getEpochSecond());
            claims.put("jti", UUID.randomUUID().toString());
            token = signer.sign(claims, "at+jwt");
            renewAt = now.plus(LIFETIME).minus(Duration.ofMinutes(1));
        }
        return token;
    }
}
