package io.github.ssosuite.dispatcher.keys;

import io.github.ssosuite.contracts.keys.KeyEncryption;
import io.github.ssosuite.contracts.keys.SigningKeys;
import io.github.ssosuite.contracts.keys.SigningKeys.Algorithm;
import io.github.ssosuite.dispatcher.config.DispatcherConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The OP's active signing key (DESIGN: one key set for ID and logout tokens), read from {@code auth.signing_keys}
 * and decrypted with the shared key-encryption key; kept 30 s, so a rotation reaches the dispatcher within that.
 */
@ApplicationScoped
public class ActiveSigningKey {

    /** A key ready to sign. */
    public record Key(String kid, Algorithm alg, PrivateKey privateKey) {
        @Override
        public String toString() {
            return "Key[" + kid + "]";
        }
    }

    private static final Duration CACHE = Duration.ofSeconds(30);

    private final KeyEncryption encryption;
    private final Pool pool;
    private volatile Key cached;
    private volatile Instant cachedAt = Instant.EPOCH;
    private volatile Uni<Key> loading;

    public ActiveSigningKey(DispatcherConfig config, Pool pool) {
        this.pool = pool;
        this.encryption = new KeyEncryption(config.keys().encryptionKeyId(), config.keys().encryptionKey().orElseThrow(() ->
                new IllegalStateException("dispatcher.keys.encryption-key (DISPATCHER_KEYS_ENCRYPTION_KEY) is required: "
                        + "the same value as auth-server's AUTH_KEYS_ENCRYPTION_KEY")));
    }

    /**
     * The key. Every attempt of an event asks at once, so this reads through the reactive pool (a Hibernate Reactive
     * session must not be shared by concurrent operations: a bug the e2e browser test caught when the cache ran out
     * under three parallel deliveries), and concurrent callers share one read.
     */
    public Uni<Key> get() {
        Key key = cached;
        if (key != null && Instant.now().isBefore(cachedAt.plus(CACHE))) {
            return Uni.createFrom().item(key);
        }
        Uni<Key> inFlight = loading;
        if (inFlight == null) {
            inFlight = load().onTermination().invoke(() -> loading = null).memoize().indefinitely();
            loading = inFlight;
        }
        return inFlight;
    }

    private Uni<Key> load() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return pool.preparedQuery("SELECT kid, alg, private_key_encrypted FROM auth.signing_keys "
                        + "WHERE activates_at <= $1 AND (retires_at IS NULL OR retires_at > $1) "
                        + "ORDER BY activates_at DESC LIMIT 1")
                .execute(Tuple.of(now))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw new IllegalStateException("auth-server has no active signing key yet");
                    }
                    Row row = rows.iterator().next();
                    String kid = row.getString("kid");
                    Algorithm alg = Algorithm.valueOf(row.getString("alg"));
                    Key fresh = new Key(kid, alg,
                            SigningKeys.privateKey(alg, encryption.decrypt(kid, row.getString("private_key_encrypted"))));
                    cached = fresh;
                    cachedAt = Instant.now();
                    return fresh;
                });
    }
}
