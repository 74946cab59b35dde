package io.github.ssosuite.auth.keys;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ssosuite.auth.config.AuthServerConfig;
import io.github.ssosuite.auth.keys.KeyRotationPolicy.KeyTimes;
import io.github.ssosuite.contracts.keys.KeyEncryption;
import io.github.ssosuite.contracts.keys.SigningKeys;
import io.github.ssosuite.contracts.keys.SigningKeys.Algorithm;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The OP's signing keys: made on first start, rotated by {@link KeyRotationPolicy}, stored in PostgreSQL with the
 * private key encrypted ({@link KeyEncryption}), and kept in memory for signing and for the JWKS. Several
 * replicas may run this: key changes happen under a PostgreSQL advisory lock, and every replica reloads the key
 * set every 30 s.
 */
@ApplicationScoped
public class SigningKeyService {

    private static final Logger LOG = Logger.getLogger(SigningKeyService.class);
    private static final long ROTATION_LOCK = 0x5_50_4B_45_59L; // "SSO KEY"

    /** The key that signs now. */
    public record ActiveKey(String kid, Algorithm alg, PrivateKey privateKey) {
        @Override
        public String toString() {
            return "ActiveKey[kid=" + kid + ", alg=" + alg + "]";
        }
    }

    private record KeySet(ActiveKey active, List<Map<String, Object>> jwks) {
    }

    private final AuthServerConfig config;
    private final KeyRotationPolicy policy;
    private final KeyEncryption encryption;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final Clock clock = Clock.systemUTC();
    private volatile KeySet keys = new KeySet(null, List.of());

    public SigningKeyService(AuthServerConfig config, ObjectMapper json, Vertx vertx) {
        this.config = config;
        this.json = json;
        this.vertx = vertx;
        var k = config.keys();
        this.policy = new KeyRotationPolicy(k.rotationInterval(), k.publishAhead(), k.retention());
        this.encryption = new KeyEncryption(k.encryptionKeyId(), k.encryptionKey().orElseThrow(() ->
                new IllegalStateException("auth.keys.encryption-key (AUTH_KEYS_ENCRYPTION_KEY) is required: base64 of "
                        + "32 random bytes, e.g. `openssl rand -base64 32`; logout-dispatcher needs the same value")));
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        VertxContextSupport.subscribeAndAwait(this::rotateIfDue);
    }

    /** Makes a successor key when the policy says so (first start included), then reloads the key set. */
    @Scheduled(every = "1h", delayed = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> rotateIfDue() {
        return underRotationLock((session, all) -> {
            Instant now = clock.instant();
            List<KeyTimes> times = all.stream().map(SigningKeyService::times).toList();
            if (!policy.needsSuccessor(times, now)) {
                return Uni.createFrom().voidItem();
            }
            Instant activates = policy.successorActivation(times, now);
            return newKey(now, activates, config.keys().algorithm()).chain(created -> {
                for (SigningKeyEntity old : all) {
                    if (old.retiresAt == null) {
                        old.retiresAt = activates;
                        old.expiresAt = policy.expiryOf(activates);
                    }
                }
                LOG.infof("made signing key %s (%s), signing from %s", created.kid, created.alg, activates);
                return session.persist(created);
            });
        })
                .replaceWithVoid()
                .chain(this::reload);
    }

    /** How an operator rotates on demand. */
    public enum RotationMode {
        /**
         * The usual rotation, without downtime: the successor is published now and signs after
         * {@code auth.keys.publish-ahead} (RPs refresh their JWKS meanwhile); the old key stays published for
         * {@code auth.keys.retention}.
         */
        PLANNED,
        /**
         * The current key is compromised: the successor signs at once and every older key leaves the JWKS now, so
         * nothing signed with them verifies any more (sessions stay; RPs' tokens signed with the old key fail).
         */
        COMPROMISED
    }

    /** A key as an operator sees it: times and algorithm, never key material beyond the public JWK. */
    public record KeyView(String kid, String alg, Instant createdAt, Instant activatesAt, Instant retiresAt,
            Instant expiresAt) {
    }

    /**
     * Rotates now (issue 3: "on demand"), with the configured algorithm or {@code alg} (moving between RS256 and
     * ES256). Under the same advisory lock as the scheduled rotation; other replicas pick it up within 30 s.
     */
    public Uni<KeyView> rotateNow(RotationMode mode, Algorithm alg) {
        return underRotationLock((session, all) -> {
            Instant now = clock.instant();
            List<KeyTimes> times = all.stream().map(SigningKeyService::times).toList();
            Instant activates = mode == RotationMode.COMPROMISED ? now : policy.successorActivation(times, now);
            return newKey(now, activates, alg == null ? config.keys().algorithm() : alg).chain(created -> {
                for (SigningKeyEntity old : all) {
                    if (old.retiresAt == null || old.retiresAt.isAfter(activates)) {
                        old.retiresAt = activates;
                        old.expiresAt = mode == RotationMode.COMPROMISED ? now : policy.expiryOf(activates);
                    } else if (mode == RotationMode.COMPROMISED
                            && (old.expiresAt == null || old.expiresAt.isAfter(now))) {
                        old.expiresAt = now;
                    }
                }
                LOG.infof("rotated on demand (%s): signing key %s (%s) signs from %s", mode, created.kid,
                        created.alg, activates);
                return session.persist(created).replaceWith(view(created));
            });
        })
                .call(this::reload);
    }

    /**
     * {@code change} with every stored key, in one transaction holding the rotation's advisory lock, so replicas
     * (and an on-demand rotation racing the scheduled one) change keys one at a time.
     */
    private <T> Uni<T> underRotationLock(
            java.util.function.BiFunction<Mutiny.Session, List<SigningKeyEntity>, Uni<T>> change) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT pg_advisory_xact_lock(" + ROTATION_LOCK + ")").getSingleResult()
                .chain(() -> allKeys(session))
                .chain(all -> change.apply(session, all))));
    }

    /** Every stored key, newest first. */
    public Uni<List<KeyView>> list() {
        return Panache.withSession(() -> Panache.getSession().chain(this::allKeys)).map(all -> all.stream()
                .sorted(java.util.Comparator.comparing((SigningKeyEntity k) -> k.activatesAt).reversed())
                .map(SigningKeyService::view).toList());
    }

    private static KeyView view(SigningKeyEntity k) {
        return new KeyView(k.kid, k.alg, k.createdAt, k.activatesAt, k.retiresAt, k.expiresAt);
    }

    /** Reloads the key set from PostgreSQL (keys another replica made, a key that became active). */
    @Scheduled(every = "30s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> reload() {
        return Panache.withSession(() -> Panache.getSession().chain(this::allKeys)).map((List<SigningKeyEntity> all) -> {
            Instant now = clock.instant();
            List<KeyTimes> times = all.stream().map(SigningKeyService::times).toList();
            var signing = policy.signingKey(times, now).map(KeyTimes::kid).orElse(null);
            ActiveKey active = all.stream().filter(k -> k.kid.equals(signing)).findFirst().map(this::decrypt).orElse(null);
            List<String> published = policy.published(times, now).stream().map(KeyTimes::kid).toList();
            List<Map<String, Object>> jwks = published.stream()
                    .map(kid -> all.stream().filter(k -> k.kid.equals(kid)).findFirst().orElseThrow())
                    .map(this::publicJwk).toList();
            keys = new KeySet(active, jwks);
            return (Void) null;
        });
    }

    /** The key that signs now; fails closed when there is none. */
    public ActiveKey activeKey() {
        ActiveKey active = keys.active();
        if (active == null) {
            throw new IllegalStateException("no active signing key");
        }
        return active;
    }

    /** The public keys for {@code jwks_uri}: the active one, the next one, and retired ones still in retention. */
    public List<Map<String, Object>> jwks() {
        return keys.jwks();
    }

    private Uni<List<SigningKeyEntity>> allKeys(Mutiny.Session session) {
        return session.createSelectionQuery("from SigningKeyEntity", SigningKeyEntity.class).getResultList();
    }

    private Uni<SigningKeyEntity> newKey(Instant now, Instant activates, Algorithm alg) {
        // key generation takes tens to hundreds of milliseconds: off the event loop
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            KeyPair pair = SigningKeys.generate(alg);
            SigningKeyEntity key = new SigningKeyEntity();
            key.kid = now.toString().substring(0, 10) + "-" + UUID.randomUUID().toString().substring(0, 8);
            key.alg = alg.name();
            key.publicJwk = toJson(SigningKeys.publicJwk(alg, key.kid, pair.getPublic()));
            key.privateKeyEncrypted = encryption.encrypt(key.kid, pair.getPrivate().getEncoded());
            key.createdAt = now;
            key.activatesAt = activates;
            return key;
        }), false);
    }

    private ActiveKey decrypt(SigningKeyEntity key) {
        Algorithm alg = Algorithm.valueOf(key.alg);
        return new ActiveKey(key.kid, alg,
                SigningKeys.privateKey(alg, encryption.decrypt(key.kid, key.privateKeyEncrypted)));
    }

    private Map<String, Object> publicJwk(SigningKeyEntity key) {
        try {
            return json.readValue(key.publicJwk, new TypeReference<>() { });
        } catch (Exception e) {
            throw new IllegalStateException("stored JWK of " + key.kid + " is unreadable", e);
        }
    }

    private String toJson(Map<String, Object> jwk) {
        try {
            return json.writeValueAsString(jwk);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyTimes times(SigningKeyEntity k) {
        return new KeyTimes(k.kid, k.createdAt, k.activatesAt, k.retiresAt, k.expiresAt);
    }
}
