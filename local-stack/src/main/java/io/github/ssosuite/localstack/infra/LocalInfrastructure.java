package io.github.ssosuite.localstack.infra;

import io.github.ssosuite.contracts.Topics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Real Redis, Kafka and PostgreSQL on loopback, started together and stopped in reverse order. Used by the
 * local stack ({@code persistent}: data kept between runs) and by the tests (throw-away data, random ports).
 */
public final class LocalInfrastructure implements AutoCloseable {

    /** The application database, shared by auth-server (schema auth) and logout-dispatcher (schema dispatcher). */
    public static final String DATABASE = "sso";

    /** Ports to listen on; the Kafka controller listens on {@code kafka + 1}. */
    public record PortPlan(int redis, int kafka, int kafkaController, int postgres) {

        public static PortPlan random() {
            return new PortPlan(Ports.free(), Ports.free(), Ports.free(), Ports.free());
        }
    }

    private final RedisServer redis;
    private final KafkaBroker kafka;
    private final PostgresServer postgres;

    private LocalInfrastructure(RedisServer redis, KafkaBroker kafka, PostgresServer postgres) {
        this.redis = redis;
        this.kafka = kafka;
        this.postgres = postgres;
    }

    /**
     * Starts the three servers under {@code baseDir} ({@code redis/}, {@code kafka/}, {@code postgres/}) and
     * creates the suite's topics. On failure, whatever was started is stopped again.
     */
    public static LocalInfrastructure start(Path baseDir, PortPlan ports, boolean persistent, int partitions,
            Consumer<String> progress) throws IOException {
        var infra = new LocalInfrastructure(
                new RedisServer(ports.redis(), baseDir.resolve("redis"), persistent),
                new KafkaBroker(ports.kafka(), ports.kafkaController(), baseDir.resolve("kafka"), persistent),
                new PostgresServer(ports.postgres(), baseDir.resolve("postgres"), persistent, DATABASE));
        try {
            progress.accept("starting Redis on port " + ports.redis());
            infra.redis.start();
            progress.accept("starting PostgreSQL on port " + ports.postgres());
            infra.postgres.start();
            progress.accept("starting Kafka (KRaft) on port " + ports.kafka());
            infra.kafka.start();
            Map<String, Integer> topics = new LinkedHashMap<>();
            Topics.ALL.forEach(topic -> topics.put(topic, partitions));
            progress.accept("creating topics " + String.join(", ", Topics.ALL));
            infra.kafka.createTopics(topics);
            return infra;
        } catch (IOException | RuntimeException e) {
            infra.close();
            throw e;
        }
    }

    public RedisServer redis() {
        return redis;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    /**
     * The configuration a Quarkus service needs to reach these servers, as environment variables (the
     * names Docker Compose and Kubernetes set too).
     */
    public Map<String, String> serviceEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_REDIS_HOSTS", redis.uri());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", PostgresServer.USER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", PostgresServer.PASSWORD);
        return env;
    }

    /** Process ids of the servers, for a later {@code down} from another process. */
    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("redis", redis.pid());
        pids.put("kafka", kafka.pid());
        pids.put("postgres", postgres.pid());
        return pids;
    }

    @Override
    public void close() {
        kafka.stop();
        postgres.stop();
        redis.stop();
    }
}
