package io.github.ssosuite.session;

import io.github.ssosuite.contracts.Topics;
import io.github.ssosuite.session.config.SessionServiceConfig;
import io.github.ssosuite.testsupport.SuiteInfrastructure;
import io.github.ssosuite.testsupport.SuiteInfrastructureResource;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;

/** session-service reaches real Redis and Kafka over real connections, and reports them in its readiness. */
@QuarkusTest
@QuarkusTestResource(SuiteInfrastructureResource.class)
class InfrastructureRoundTripTest {

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    SessionServiceConfig config;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafkaBootstrapServers;

    @Test
    void readinessReportsRedisAndKafkaUp() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("UP"))
                .body("checks.name", hasItems("Redis connection health check", "Kafka connection health check"));
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void redisRoundTripWithTtlThroughTheApplicationsClient() {
        String key = config.redis().keyPrefix() + ":test:" + UUID.randomUUID();
        redis.value(String.class).set(key, "hello", new SetArgs().px(Duration.ofSeconds(30)))
                .await().atMost(Duration.ofSeconds(5));

        assertThat(redis.value(String.class).get(key).await().atMost(Duration.ofSeconds(5))).isEqualTo("hello");
        assertThat(redis.key().pttl(key).await().atMost(Duration.ofSeconds(5))).isBetween(1L, 30_000L);
    }

    @Test
    void kafkaRoundTripOnTheSessionEndedTopic() throws Exception {
        assertThat(config.events().topic()).isEqualTo(Topics.SESSION_ENDED);
        String key = "sid-" + UUID.randomUUID();
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(config.events().topic(), key, "{\"probe\":true}")).get();
        }
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "round-trip-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(config.events().topic()));
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(r -> r.key().equals(key));
            });
        }
    }

    @Test
    void readinessGoesDownWhileRedisIsStoppedAndUpWhenItReturns() throws Exception {
        var embedded = SuiteInfrastructure.embedded();
        Assumptions.assumeTrue(embedded.isPresent(), "needs the embedded Redis to stop it");
        var redisServer = embedded.get().redis();
        redisServer.stop();
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    given().when().get("/q/health/ready").then().statusCode(503)
                            .body(containsString("Redis connection health check")));
        } finally {
            redisServer.start();
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200));
    }

    @Test
    void prometheusMetricsAreExposed() {
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }
}
