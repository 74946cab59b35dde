package io.github.ssosuite.session.health;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;

/**
 * Readiness: Redis answers PING within a bound. Without Redis no session can be created or checked, so the
 * instance must leave the load balancer (fail closed, DESIGN).
 *
 * <p>Quarkus's own Redis check is switched off: it pings only the Redis clients that remain CDI beans, and in
 * a packaged application a client that no bean injects has been removed, so it reported UP with Redis gone.
 */
@Readiness
@ApplicationScoped
public class RedisReadinessCheck implements AsyncHealthCheck {

    private static final String NAME = "Redis connection health check";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final ReactiveRedisDataSource redis;

    public RedisReadinessCheck(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return redis.getRedis().send(Request.cmd(Command.PING))
                .ifNoItem().after(TIMEOUT).fail()
                .map(reply -> HealthCheckResponse.named(NAME).up().build())
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named(NAME).down()
                        .withData("error", String.valueOf(e.getMessage())).build());
    }
}
