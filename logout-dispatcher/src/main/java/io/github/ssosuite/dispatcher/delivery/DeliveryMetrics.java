package io.github.ssosuite.dispatcher.delivery;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicLong;

/** Gauges from the deliveries table, refreshed every 5 s: the retry backlog and the dead letters. */
@ApplicationScoped
public class DeliveryMetrics {

    private final Pool pool;
    private final AtomicLong retryBacklog = new AtomicLong();
    private final AtomicLong dead = new AtomicLong();

    public DeliveryMetrics(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        Gauge.builder("dispatcher_retry_backlog", retryBacklog, AtomicLong::get)
                .description("deliveries waiting for another attempt after a failure").register(registry);
        Gauge.builder("dispatcher_dead_letters", dead, AtomicLong::get)
                .description("deliveries whose retry window ran out, not re-driven").register(registry);
    }

    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return pool.query("SELECT count(*) FILTER (WHERE status = 'pending' AND attempts > 0) AS backlog, "
                        + "count(*) FILTER (WHERE status = 'dead') AS dead FROM dispatcher.deliveries").execute()
                .invoke(rows -> rows.forEach(row -> {
                    retryBacklog.set(row.getLong("backlog"));
                    dead.set(row.getLong("dead"));
                }))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
