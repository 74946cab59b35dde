package io.github.ssosuite.dispatcher;

import io.github.ssosuite.contracts.keys.KeyEncryption;
import io.github.ssosuite.contracts.keys.SigningKeys;
import io.github.ssosuite.contracts.keys.SigningKeys.Algorithm;
import io.github.ssosuite.testsupport.SuiteInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The part of auth-server's world the dispatcher reads: the {@code auth} schema, made by auth-server's own
 * migration files (so the tests read the real schema), and an active signing key stored the way auth-server
 * stores it (encrypted under the test key-encryption key). The public JWK is kept for the RP-side validators.
 */
public class AuthSchemaResource implements QuarkusTestResourceLifecycleManager {

    public static final String TEST_KEK = "QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkI=";
    public static final String KID = "dispatcher-test-key";
    private static Map<String, Object> publicJwk;

    @Override
    public synchronized Map<String, String> start() {
        var infra = SuiteInfrastructure.shared();
        try (var c = DriverManager.getConnection(infra.postgresJdbcUrl(), infra.postgresUser(), infra.postgresPassword());
             var s = c.createStatement()) {
            var exists = s.executeQuery("SELECT 1 FROM information_schema.tables WHERE table_schema = 'auth' "
                    + "AND table_name = 'signing_keys'");
            if (!exists.next()) {
                s.execute("CREATE SCHEMA IF NOT EXISTS auth");
                s.execute("SET search_path TO auth");
                Path root = Path.of(System.getProperty("suite.root", Path.of("").toAbsolutePath().getParent().toString()));
                try (Stream<Path> files = Files.list(root.resolve("auth-server/src/main/resources/db/auth"))) {
                    List<Path> migrations = files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql"))
                            .sorted(Comparator.comparingInt(f -> Integer.parseInt(
                                    f.getFileName().toString().substring(1, f.getFileName().toString().indexOf("__")))))
                            .toList();
                    for (Path migration : migrations) {
                        s.execute(Files.readString(migration));
                    }
                }
                s.execute("SET search_path TO public");
            }
            if (publicJwk == null) {
                KeyPair pair = SigningKeys.generate(Algorithm.RS256);
                publicJwk = SigningKeys.publicJwk(Algorithm.RS256, KID, pair.getPublic());
                var insert = c.prepareStatement("INSERT INTO auth.signing_keys (kid, alg, public_jwk, private_key_encrypted,"
                        + " created_at, activates_at) VALUES (?, 'RS256', ?, ?, ?, ?) ON CONFLICT (kid) DO NOTHING");
                insert.setString(1, KID);
                insert.setString(2, "{}");
                insert.setString(3, new KeyEncryption("kek-1", TEST_KEK).encrypt(KID, pair.getPrivate().getEncoded()));
                insert.setTimestamp(4, Timestamp.from(Instant.now().minusSeconds(60)));
                insert.setTimestamp(5, Timestamp.from(Instant.now().minusSeconds(60)));
                insert.executeUpdate();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare auth-server's schema for the dispatcher tests", e);
        }
        return Map.of();
    }

    /** The public JWK of the signing key the dispatcher uses in these tests. */
    public static Map<String, Object> publicJwk() {
        return publicJwk;
    }

    /** Registers an RP in auth.clients as auth-server would. */
    public static void registerClient(String clientId, String backchannelUri, boolean sidRequired) throws Exception {
        var infra = SuiteInfrastructure.shared();
        try (var c = DriverManager.getConnection(infra.postgresJdbcUrl(), infra.postgresUser(), infra.postgresPassword());
             var insert = c.prepareStatement("INSERT INTO auth.clients (client_id, token_endpoint_auth_method, "
                     + "backchannel_logout_uri, backchannel_logout_session_required, created_at, updated_at) "
                     + "VALUES (?, 'client_secret_basic', ?, ?, now(), now())")) {
            insert.setString(1, clientId);
            insert.setString(2, backchannelUri);
            insert.setBoolean(3, sidRequired);
            insert.executeUpdate();
        }
    }

    @Override
    public void stop() {
    }
}
