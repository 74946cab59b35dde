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

    /** The Quarkus configuration that points a service at these servers. */
    public Map<String, String> quarkusConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.redis.hosts", redisUri);
        config.put("kafka.bootstrap.servers", kafkaBootstrapServers);
        config.put("quarkus.datasource.reactive.url", postgresReactiveUrl());
        config.put("quarkus.datasource.jdbc.url", postgresJdbcUrl);
        config.put("quarkus.datasource.username", postgresUser);
        config.put("quarkus.datasource.password", postgresPassword);
        return config;
    }
}
