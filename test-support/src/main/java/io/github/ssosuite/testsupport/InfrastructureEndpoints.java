package io.github.ssosuite.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

/** Where the test run's Redis, Kafka and PostgreSQL listen, whoever started them. */
public record InfrastructureEndpoints(
        InfrastructureMode mode,
        String redisUri,
        String kafkaBootstrapServers,
        String postgresJdbcUrl,
        String postgresUser,
        String postgresPassword) {

    /** {@code jdbc:postgresql://h:p/db} becomes {@code postgresql://h:p/db} for the reactive client. */
    public String postgresReactiveUrl() {
        return postgresJdbcUrl.replaceFirst("^jdbc:", "");
    }

    /**
     * The Quarkus configuration that points a service at these servers: only the keys of the clients the
     * service has, so Quarkus does not warn about keys no extension reads.
     */
    public Map<String, String> quarkusConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        if (onClasspath("io.quarkus.redis.datasource.ReactiveRedisDataSource")) {
            config.put("quarkus.redis.hosts", redisUri);
        }
        config.put("kafka.bootstrap.servers", kafkaBootstrapServers);
        if (onClasspath("io.vertx.pgclient.PgConnectOptions")) {
            config.put("quarkus.datasource.reactive.url", postgresReactiveUrl());
            config.put("quarkus.datasource.username", postgresUser);
            config.put("quarkus.datasource.password", postgresPassword);
        }
        if (onClasspath("io.quarkus.flyway.FlywayDataSource")) {
            config.put("quarkus.datasource.jdbc.url", postgresJdbcUrl);
        }
        return config;
    }

    private static boolean onClasspath(String className) {
        try {
            Class.forName(className, false, Thread.currentThread().getContextClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
