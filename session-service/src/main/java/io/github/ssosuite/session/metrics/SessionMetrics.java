package io.github.ssosuite.session.metrics;

import io.github.ssosuite.contracts.EndReason;
import io.github.ssosuite.session.store.RedisSessionStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Domain metrics: sessions created and ended (by reason), active sessions, outbox depth and the age of its
 * oldest entry. The gauges are refreshed from Redis every 5 s (a gauge cannot wait for Redis).
 */
@ApplicationScoped
public class SessionMetrics {

    private final MeterRegistry registry;
    private final RedisSessionStore store;
    private final ReactiveRedisDataSource redis;
    private final AtomicLong active = new AtomicLong();
    private final AtomicLong outboxDepth = new AtomicLong();
    private final AtomicLong outboxOldestAgeMs = new AtomicLong();

    public SessionMetrics(MeterRegistry registry, RedisSessionStore store, ReactiveRedisDataSource redis) {
        this.registry = registry;
        this.store = store;
        this.redis = redis;
        Gauge.builder("sessions_active", active, AtomicLong::get)
                .description("sessions in Redis not yet ended (refreshed every 5 s)").register(registry);
        Gauge.builder("session_outbox_depth", outboxDepth, AtomicLong::get)
                .description("SessionEnded events waiting for Kafka").register(registry);
        Gauge.builder("session_outbox_oldest_age_seconds", outboxOldestAgeMs, v -> v.get() / 1000.0)
                .description("age of the oldest event waiting for Kafka").register(registry);
    }

    public void created() {
        registry.counter("sessions_created").increment();
    }

    public void ended(EndReason reason, int count) {
        if (count > 0) {
            registry.counter("sessions_ended", "reason", reason.wireValue()).increment(count);
        }
    }

    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        List<Uni<long[]>> outboxes = IntStream.range(0, store.ids().shards())
                .mapToObj(shard -> outbox(store.keys().outbox(shard))).toList();
        return store.count().invoke(active::set)
                .chain(() -> Uni.join().all(outboxes).andFailFast())
                .invoke(all -> {
                    outboxDepth.set(all.stream().mapToLong(v -> v[0]).sum());
                    long oldest = all.stream().filter(v -> v[0] > 0).mapToLong(v -> v[1]).min().orElse(0);
                    outboxOldestAgeMs.set(oldest == 0 ? 0 : Math.max(0, System.currentTimeMillis() - oldest));
                })
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** {length, timestamp (ms) of the first entry} of one outbox stream. */
    private Uni<long[]> outbox(String key) {
        return redis.execute("XLEN", key).chain(length -> {
            long n = length.toLong();
            if (n == 0) {
                return Uni.createFrom().item(new long[] {0, 0});
            }
            return redis.execute("XRANGE", key, "-", "+", "COUNT", "1").map(first -> {
                String id = first.get(0).get(0).toString();
                return new long[] {n, Long.parseLong(id.substring(0, id.indexOf('-')))};
            });
        });
    }
}
