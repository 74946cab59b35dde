package io.github.ssosuite.session;

import io.github.ssosuite.session.store.RedisKeys;
import io.github.ssosuite.testsupport.SuiteInfrastructureResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/** The relay's recovery paths and its metrics, on real Redis and Kafka. */
@QuarkusTest
@QuarkusTestResource(SuiteInfrastructureResource.class)
class OutboxRelayTest {

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    /**
     * Another relay replica read an entry and died before publishing it: after relay-claim-after (1 s in tests)
     * this relay takes the entry over and publishes it.
     */
    @Test
    void anEntryTakenByADeadRelayIsClaimedAndPublished() {
        String outbox = new RedisKeys("sso").outbox(5);
        String eventId = UUID.randomUUID().toString();
        String sid = "5-" + "D".repeat(22);
        try (var topic = new SessionEndedTopic(kafka)) {
            // append and hand the entry to a relay named "dead-replica" in one atomic step, so the live relay
            // can only get it by claiming it
            redis.execute("EVAL", """
                    pcall(redis.call, 'XGROUP', 'CREATE', KEYS[1], 'outbox-relay', '0', 'MKSTREAM')
                    redis.call('XADD', KEYS[1], '*', 'event_id', ARGV[1], 'sid', ARGV[2], 'sub', 'crash-victim',
                               'reason', 'logout', 'ended_at', ARGV[3], 'c:wiki', ARGV[3])
                    return redis.call('XREADGROUP', 'GROUP', 'outbox-relay', 'dead-replica', 'COUNT', '100',
                                      'STREAMS', KEYS[1], '>')""", "1", outbox, eventId, sid,
                    Long.toString(Instant.now().toEpochMilli()));

            var received = topic.await(e -> e.eventId().equals(eventId), 1, Duration.ofSeconds(20));

            assertThat(received.get(0).key()).isEqualTo(sid);
            await().atMost(Duration.ofSeconds(5)).until(() -> redis.stream(String.class).xlen(outbox) == 0);
        }
    }

    @Test
    void domainMetricsAreExposed() {
        String sid = SessionApiTest.newSession("user-" + UUID.randomUUID(), "wiki");
        SessionApiTest.api().delete("/sessions/{sid}?reason=logout", sid).then().statusCode(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/metrics").then()
                .body(containsString("sessions_created_total"))
                .body(containsString("sessions_ended_total{reason=\"logout\"}"))
                .body(containsString("sessions_active"))
                .body(containsString("session_outbox_depth"))
                .body(containsString("session_outbox_oldest_age_seconds"))
                .body(containsString("session_events_publish_latency_seconds_count")));
    }
}
