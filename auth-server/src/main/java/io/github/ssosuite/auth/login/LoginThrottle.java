package io.github.ssosuite.auth.login;

import io.github.ssosuite.auth.client.Secrets;
import io.github.ssosuite.auth.config.AuthServerConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;

/**
 * Brute-force throttling of password logins in Redis: failures counted per account name (whether or not the
 * account exists, so the throttle reveals nothing) and per client IP, within a sliding window.
 */
@ApplicationScoped
public class LoginThrottle {

    private final ReactiveRedisDataSource redis;
    private final AuthServerConfig.Throttling config;

    public LoginThrottle(ReactiveRedisDataSource redis, AuthServerConfig config) {
        this.redis = redis;
        this.config = config.throttling();
    }

    /** Whether another attempt for {@code username} from {@code ip} must wait. */
    public Uni<Boolean> blocked(String username, String ip) {
        return redis.value(Long.class).mget(accountKey(username), ipKey(ip)).map(counts -> {
            Long account = counts.get(accountKey(username));
            Long fromIp = counts.get(ipKey(ip));
            return (account != null && account >= config.maxFailuresPerAccount())
                    || (fromIp != null && fromIp >= config.maxFailuresPerIp());
        });
    }

    public Uni<Void> failed(String username, String ip) {
        return count(accountKey(username)).chain(() -> count(ipKey(ip)));
    }

    public Uni<Void> succeeded(String username) {
        return redis.key().del(accountKey(username)).replaceWithVoid();
    }

    private Uni<Void> count(String key) {
        return redis.value(Long.class).incr(key)
                .chain(n -> redis.key().pexpire(key, config.window()))
                .replaceWithVoid();
    }

    private static String accountKey(String username) {
        return "auth:fail:u:" + Secrets.hash(username.toLowerCase(Locale.ROOT));
    }

    private static String ipKey(String ip) {
        return "auth:fail:ip:" + ip;
    }
}
