package io.github.ssosuite.session;

import io.github.ssosuite.testsupport.SuiteInfrastructure;
import io.github.ssosuite.testsupport.SuiteInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.github.ssosuite.session.SessionApiTest.api;
import static io.github.ssosuite.session.SessionApiTest.newSession;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault: Kafka is down while 100 sessions end. The API keeps answering, the events wait in the outbox, and when
 * Kafka returns exactly those 100 events reach the topic — each at least once, none missing, none invented.
 */
@QuarkusTest
@QuarkusTestResource(SuiteInfrastructureResource.class)
@io.quarkus.test.junit.TestProfile(KafkaOutageTest.LongSessions.class)
class KafkaOutageTest {

    /** Sessions that do not expire while Kafka stops and starts (the test profile's 3 s idle would race it). */
    public static class LongSessions implements io.quarkus.test.junit.QuarkusTestProfile {
        @Override
        public java.util.Map<String, String> getConfigOverrides() {
            return java.util.Map.of("session.idle-timeout", "10M", "session.absolute-timeout", "1H");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @jakarta.inject.Inject
    io.quarkus.redis.datasource.RedisDataSource redis;

    private long outboxDepth() {
        var keys = new io.github.ssosuite.session.store.RedisKeys("sso");
        long depth = 0;
        for (int shard = 0; shard < 8; shard++) {
            depth += redis.stream(String.class).xlen(keys.outbox(shard));
        }
        return depth;
    }

    @Test
    void sessionsEndedWhileKafkaIsDownReachTheTopicWhenItReturns() throws Exception {
        var infra = SuiteInfrastructure.embedded();
        Assumptions.assumeTrue(infra.isPresent(), "needs the embedded Kafka to stop it");
        var broker = infra.get().kafka();

        String tag = "outage-" + UUID.randomUUID();
        List<String> sids = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            sids.add(newSession(tag + "-" + i, "wiki"));
        }
        Set<String> expectedEventIds = new HashSet<>();
        broker.stop();
        try {
            for (String sid : sids) {
                String eventId = api().delete("/sessions/{sid}", sid).then().statusCode(200)
                        .extract().path("event_ids[0]");
                expectedEventIds.add(eventId);
            }
            // meanwhile they wait in the outbox
            assertThat(outboxDepth()).isGreaterThanOrEqualTo(100);
        } finally {
            broker.start();
        }
        assertThat(expectedEventIds).hasSize(100);

        // the oracle: the whole topic, read by a fresh consumer once Kafka is back
        try (var topic = new SessionEndedTopic(kafka, true)) {
            List<SessionEndedTopic.Received> received;
            try {
                received = topic.await(e -> e.sub().startsWith(tag), 100, Duration.ofSeconds(90));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; still in the outbox: " + outboxDepth(), e);
            }
            var all = topic.drain(e -> e.sub().startsWith(tag), Duration.ofSeconds(2));
            Set<String> receivedIds = all.stream().map(r -> r.event().eventId()).collect(Collectors.toSet());
            assertThat(receivedIds).as("none missing, none invented").isEqualTo(expectedEventIds);
            assertThat(all.stream().map(r -> r.event().sid()).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrderElementsOf(sids);
            assertThat(received.size()).isGreaterThanOrEqualTo(100);
        }
    }
}
