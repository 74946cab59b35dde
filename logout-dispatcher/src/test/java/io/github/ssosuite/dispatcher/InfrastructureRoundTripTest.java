package io.github.ssosuite.dispatcher;

import io.github.ssosuite.contracts.EndReason;
import io.github.ssosuite.contracts.ParticipatingClient;
import io.github.ssosuite.contracts.SessionEnded;
import io.github.ssosuite.contracts.Topics;
import io.github.ssosuite.testsupport.SuiteInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * logout-dispatcher reaches real Kafka and PostgreSQL: an event published to the session-ended topic is
 * consumed and lands, once, in its inbox table.
 */
@QuarkusTest
@QuarkusTestResource(SuiteInfrastructureResource.class)
class InfrastructureRoundTripTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafkaBootstrapServers;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void readinessReportsKafkaAndPostgresUp() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/q/health/ready")
                        .then().statusCode(200)
                        .body("status", equalTo("UP"))
                        .body("checks.name", hasItem("Reactive PostgreSQL connections health check"))
                        .body(containsString("session-ended")));
    }

    @Test
    void anEventFromKafkaLandsInPostgresOnceEvenWhenRedelivered() throws Exception {
        var event = new SessionEnded(SessionEnded.SCHEMA_VERSION, UUID.randomUUID().toString(),
                "sid-" + UUID.randomUUID(), "user-1", EndReason.LOGOUT,
                List.of(new ParticipatingClient("wiki", Instant.now().truncatedTo(ChronoUnit.MILLIS))),
                Instant.now().truncatedTo(ChronoUnit.MILLIS), null);
        String json = """
                {"schema_version":1,"event_id":"%s","sid":"%s","sub":"%s","reason":"logout",
                 "clients":[{"client_id":"wiki","joined_at":"%s"}],"ended_at":"%s"}"""
                .formatted(event.eventId(), event.sid(), event.sub(), event.clients().get(0).joinedAt(), event.endedAt());

        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.SESSION_ENDED, "garbage", "not json")).get();
            producer.send(new ProducerRecord<>(Topics.SESSION_ENDED, event.partitionKey(), json)).get();
            producer.send(new ProducerRecord<>(Topics.SESSION_ENDED, event.partitionKey(), json)).get();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> rowsFor(event.eventId()) == 1);
        // the duplicate was consumed too (it comes after the first on the same partition) and left one row
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/q/metrics").then()
                        .body(containsString("dispatcher_events_received_total{outcome=\"duplicate\"}"))
                        .body(containsString("dispatcher_events_received_total{outcome=\"unreadable\"}")));
        assertThat(rowsFor(event.eventId())).isEqualTo(1);
    }

    private int rowsFor(String eventId) throws Exception {
        try (var c = DriverManager.getConnection(jdbcUrl, "sso", "sso");
             var ps = c.prepareStatement("SELECT count(*) FROM dispatcher.received_events WHERE event_id = ?")) {
            ps.setString(1, eventId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
