package io.github.ssosuite.dispatcher.keys;

import io.github.ssosuite.contracts.keys.KeyEncryption;
import io.github.ssosuite.contracts.keys.SigningKeys;
import io.github.ssosuite.contracts.keys.SigningKeys.Algorithm;
import io.github.ssosuite.dispatcher.config.DispatcherConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;

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
    private volatile Key cached;
    private volatile Instant cachedAt = Instant.EPOCH;

    public ActiveSigningKey(DispatcherConfig config) {
        this.encryption = new KeyEncryption(config.keys().encryptionKeyId(), config.keys().encryptionKey().orElseThrow(() ->
                new IllegalStateException("dispatcher.keys.encryption-key (DISPATCHER_KEYS_ENCRYPTION_KEY) is required: "
                        + "the same value as auth-server's AUTH_KEYS_ENCRYPTION_KEY")));
    }

    public Uni<Key> get() {
        Key key = cached;
        if (key != null && Instant.now().isBefore(cachedAt.plus(CACHE))) {
            return Uni.createFrom().item(key);
        }
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createSelectionQuery(
                        "from OpSigningKey where activatesAt <= :now and (retiresAt is null or retiresAt > :now) "
                                + "order by activatesAt desc", OpSigningKey.class)
                .setParameter("now", Instant.now()).setMaxResults(1).getSingleResultOrNull()))
                .map(row -> {
                    if (row == null) {
                        throw new IllegalStateException("auth-server has no active signing key yet");
                    }
                    Algorithm alg = Algorithm.valueOf(row.alg);
                    Key fresh = new Key(row.kid, alg,
                            SigningKeys.privateKey(alg, encryption.decrypt(row.kid, row.privateKeyEncrypted)));
                    cached = fresh;
                    cachedAt = Instant.now();
                    return fresh;
                });
    }
}
