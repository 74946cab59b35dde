package io.github.ssosuite.testsupport;

import io.github.ssosuite.contracts.Topics;
import io.github.ssosuite.localstack.infra.Binaries;
import io.github.ssosuite.localstack.infra.LocalInfrastructure;
import io.github.ssosuite.localstack.infra.PostgresServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real Redis, Kafka and PostgreSQL of one test JVM: started on first use, shared by every test class,
 * stopped when the JVM exits. See {@link InfrastructureMode} for who provides them.
 */
public final class SuiteInfrastructure {

    /** Partitions per topic in tests: more than one, so that keying and ordering are exercised. */
    public static final int TEST_PARTITIONS = 2;

    private static InfrastructureEndpoints endpoints;
    private static LocalInfrastructure embedded;

    private SuiteInfrastructure() {
    }

    /** The servers of this test run, started on the first call. */
    public static synchronized InfrastructureEndpoints shared() {
        if (endpoints == null) {
            InfrastructureMode mode = InfrastructureMode.choose(System.getenv());
            try {
                endpoints = switch (mode) {
                    case EMBEDDED -> startEmbedded();
                    case TESTCONTAINERS -> startContainers();
                    case EXTERNAL -> external(System.getenv());
                };
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the test infrastructure (" + mode + "): " + e.getMessage(), e);
            }
            if (mode != InfrastructureMode.EMBEDDED) {
                createTopics(endpoints.kafkaBootstrapServers());
            }
        }
        return endpoints;
    }

    /**
     * The embedded servers, for fault tests that stop and restart one of them; empty when Testcontainers or
     * external servers are in use (those tests then skip themselves).
     */
    public static synchronized Optional<LocalInfrastructure> embedded() {
        shared();
        return Optional.ofNullable(embedded);
    }

    private static InfrastructureEndpoints startEmbedded() throws IOException {
        Path dir = Binaries.traversableTempDir("sso-suite-test-");
        embedded = LocalInfrastructure.start(dir, LocalInfrastructure.PortPlan.random(), false, TEST_PARTITIONS,
                line -> System.out.println("[test infrastructure] " + line));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            embedded.close();
            try {
                Binaries.deleteRecursively(dir);
            } catch (IOException ignored) {
                // temp dir: the OS cleans it eventually
            }
        }, "test-infrastructure-stop"));
        return new InfrastructureEndpoints(InfrastructureMode.EMBEDDED, embedded.redis().uri(),
                embedded.kafka().bootstrapServers(), embedded.postgres().jdbcUrl(), PostgresServer.USER,
                PostgresServer.PASSWORD);
    }

    @SuppressWarnings("resource")
    private static InfrastructureEndpoints startContainers() {
        GenericContainer<?> redis = new GenericContainer<>("redis:7.4-alpine").withExposedPorts(6379);
        KafkaContainer kafka = new KafkaContainer("apache/kafka:4.0.0");
        PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>("postgres:17-alpine")
                .withDatabaseName(LocalInfrastructure.DATABASE)
                .withUsername(PostgresServer.USER)
                .withPassword(PostgresServer.PASSWORD);
        redis.start();
        kafka.start();
        postgres.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            postgres.stop();
            kafka.stop();
            redis.stop();
        }, "test-containers-stop"));
        return new InfrastructureEndpoints(InfrastructureMode.TESTCONTAINERS,
                "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379), kafka.getBootstrapServers(),
                postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
    }

    static InfrastructureEndpoints external(Map<String, String> env) {
        return new InfrastructureEndpoints(InfrastructureMode.EXTERNAL,
                required(env, "SUITE_REDIS_URL"), required(env, "SUITE_KAFKA_BOOTSTRAP_SERVERS"),
                required(env, "SUITE_PG_JDBC_URL"), env.getOrDefault("SUITE_PG_USER", PostgresServer.USER),
                env.getOrDefault("SUITE_PG_PASSWORD", PostgresServer.PASSWORD));
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("suite.infra=external needs " + name);
        }
        return value;
    }

    private static void createTopics(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = Topics.ALL.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, TEST_PARTITIONS, (short) 1)).toList();
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the suite's topics on " + bootstrapServers, e);
        }
    }
}
