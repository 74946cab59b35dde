package io.github.ssosuite.auth.authorize;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ssosuite.auth.client.Secrets;
import io.github.ssosuite.auth.config.AuthServerConfig;
import io.github.ssosuite.auth.oidc.AuthorizationRequest;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Short-lived authorization state in Redis: pending authentication requests (while the user logs in),
 * authorization codes (single use: redeemed with GETDEL), and the marker a redeemed code leaves so that a replay
 * can revoke what the first redemption issued (RFC 6749 §4.1.2, §10.5).
 */
@ApplicationScoped
public class RedisGrants {

    /** A pending request and, once the user logged in, the session it will use. */
    public record Pending(AuthorizationRequest request, String sid) {
    }

    /** A code that was already redeemed: the refresh token family and access token issued for it. */
    public record Redeemed(String refreshFamily, String accessTokenId) {
    }

    private static final Duration REPLAY_MEMORY = Duration.ofMinutes(10);

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;
    private final AuthServerConfig config;

    public RedisGrants(ReactiveRedisDataSource redis, ObjectMapper json, AuthServerConfig config) {
        this.redis = redis;
        this.json = json;
        this.config = config;
    }

    public Uni<String> savePending(Pending pending) {
        String id = Secrets.random(24);
        return redis.value(String.class).set("auth:pending:" + id, write(pending),
                new SetArgs().px(config.tokens().loginTimeout())).replaceWith(id);
    }

    public Uni<Void> updatePending(String id, Pending pending) {
        return redis.value(String.class).set("auth:pending:" + id, write(pending),
                new SetArgs().px(config.tokens().loginTimeout()).xx()).replaceWithVoid();
    }

    public Uni<Pending> pending(String id) {
        if (id == null || id.length() > 64) {
            return Uni.createFrom().nullItem();
        }
        return redis.value(String.class).get("auth:pending:" + id).map(text -> read(text, Pending.class));
    }

    public Uni<Void> forgetPending(String id) {
        return redis.key().del("auth:pending:" + id).replaceWithVoid();
    }

    /** A new code for {@code grant}, valid {@code auth.tokens.code-lifetime}. */
    public Uni<String> issueCode(CodeGrant grant) {
        String code = Secrets.random(32);
        return redis.value(String.class).set("auth:code:" + Secrets.hash(code), write(grant),
                new SetArgs().px(config.tokens().codeLifetime())).replaceWith(code);
    }

    /** The grant of {@code code}, removed in the same step (a code works once); null if unknown or used. */
    public Uni<CodeGrant> redeemCode(String code) {
        return redis.value(String.class).getdel("auth:code:" + Secrets.hash(code)).map(text -> read(text, CodeGrant.class));
    }

    public Uni<Void> rememberRedemption(String code, Redeemed redeemed) {
        return redis.value(String.class).set("auth:code-used:" + Secrets.hash(code), write(redeemed),
                new SetArgs().px(REPLAY_MEMORY)).replaceWithVoid();
    }

    /** What the first redemption of {@code code} issued, if it was redeemed recently. */
    public Uni<Redeemed> redemption(String code) {
        return redis.value(String.class).get("auth:code-used:" + Secrets.hash(code)).map(text -> read(text, Redeemed.class));
    }

    /** Marks an access token revoked until it expires (introspection answers active=false). */
    public Uni<Void> revokeAccessToken(String jti) {
        return redis.value(String.class).set("auth:revoked-at:" + jti, "1",
                new SetArgs().px(config.tokens().accessTokenLifetime().plusMinutes(1))).replaceWithVoid();
    }

    public Uni<Boolean> accessTokenRevoked(String jti) {
        return redis.key().exists("auth:revoked-at:" + jti);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, type);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable " + type.getSimpleName() + " in Redis", e);
        }
    }
}
