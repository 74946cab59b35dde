package io.github.ssosuite.session.expiry;

import io.github.ssosuite.session.config.SessionServiceConfig;
import io.github.ssosuite.session.store.RedisSessionStore;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Ends expired sessions through the same atomic path as a logout (reason {@code expired}), so their clients
 * are notified: every {@code session.expiry.sweep-interval} each shard's expiry index is read for sessions
 * whose time has passed. Keyspace notifications are not used: Redis sends them at most once and only when it
 * happens to evict the key. Several replicas may sweep at once: the end script ends a session once.
 */
@ApplicationScoped
public class ExpirySweeper {

    private static final Logger LOG = Logger.getLogger(ExpirySweeper.class);

    private final RedisSessionStore store;
    private final SessionServiceConfig config;

    public ExpirySweeper(RedisSessionStore store, SessionServiceConfig config) {
        this.store = store;
        this.config = config;
    }

    @Scheduled(every = "${session.expiry.sweep-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s")
    Uni<Void> sweep() {
        List<Uni<Integer>> shards = IntStream.range(0, store.ids().shards())
                .mapToObj(shard -> store.endExpired(shard, config.expiry().batchSize())).toList();
        return Uni.join().all(shards).andCollectFailures()
                .invoke(ended -> {
                    int total = ended.stream().mapToInt(Integer::intValue).sum();
                    if (total > 0) {
                        LOG.debugf("ended %d expired sessions", total);
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("expiry sweep failed (next one retries): %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
