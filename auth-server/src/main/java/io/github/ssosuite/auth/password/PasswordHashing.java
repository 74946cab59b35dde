package io.github.ssosuite.auth.password;

import io.github.ssosuite.auth.config.AuthServerConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.WorkerExecutor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * argon2id at the configured cost. Hashing is deliberately slow and memory-hard, so it runs on its own small worker
 * pool ({@code auth.password-hash.max-concurrent} threads, one per CPU by default): a burst of logins queues there
 * instead of holding many hashes' memory at once. The result comes back on the caller's Vert.x context, where the
 * reactive database session lives.
 */
@ApplicationScoped
public class PasswordHashing {

    private final Argon2idPasswordHasher hasher;
    private final WorkerExecutor workers;

    public PasswordHashing(AuthServerConfig config, Vertx vertx) {
        var cost = config.passwordHash();
        this.hasher = new Argon2idPasswordHasher(cost.memoryKib(), cost.iterations(), cost.parallelism());
        int threads = cost.maxConcurrent().orElse(Runtime.getRuntime().availableProcessors());
        if (threads < 1) {
            throw new IllegalArgumentException("auth.password-hash.max-concurrent must be at least 1");
        }
        this.workers = vertx.createSharedWorkerExecutor("password-hashing", threads);
    }

    public Uni<String> hash(String password) {
        return workers.executeBlocking(Uni.createFrom().item(() -> hasher.hash(password)), false);
    }

    public Uni<Boolean> verify(String password, String phc) {
        return workers.executeBlocking(Uni.createFrom().item(() -> hasher.verify(password, phc)), false);
    }

    @PreDestroy
    void close() {
        workers.close().subscribe().with(done -> { }, failure -> { });
    }
}
