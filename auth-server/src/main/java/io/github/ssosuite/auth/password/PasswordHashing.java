package io.github.ssosuite.auth.password;

import io.github.ssosuite.auth.config.AuthServerConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * argon2id at the configured cost. Hashing is deliberately slow, so it runs on a worker thread; the result
 * comes back on the caller's Vert.x context, where the reactive database session lives.
 */
@ApplicationScoped
public class PasswordHashing {

    private final Argon2idPasswordHasher hasher;
    private final Vertx vertx;

    public PasswordHashing(AuthServerConfig config, Vertx vertx) {
        var cost = config.passwordHash();
        this.hasher = new Argon2idPasswordHasher(cost.memoryKib(), cost.iterations(), cost.parallelism());
        this.vertx = vertx;
    }

    public Uni<String> hash(String password) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> hasher.hash(password)), false);
    }

    public Uni<Boolean> verify(String password, String phc) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> hasher.verify(password, phc)), false);
    }
}
