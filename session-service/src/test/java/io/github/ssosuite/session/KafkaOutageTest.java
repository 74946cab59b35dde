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
class KafkaOutageTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

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
        try (var before = new SessionEndedTopic(kafka)) {
            broker.stop();
            try {
                for (String sid : sids) {
                    String eventId = api().delete("/sessions/{sid}", sid).then().statusCode(200)
                            .extract().path("event_ids[0]");
                    expectedEventIds.add(eventId);
                }
                // the outbox holds them meanwhile
                Thread.sleep(500);
            } finally {
                broker.start();
            }
            var received = before.await(e -> e.sub().startsWith(tag), 100, Duration.ofSeconds(60));
            var late = before.drain(e -> e.sub().startsWith(tag), Duration.ofSeconds(2));

            Set<String> receivedIds = late.stream().map(r -> r.event().eventId()).collect(Collectors.toSet());
            assertThat(expectedEventIds).hasSize(100);
            assertThat(receivedIds).as("none missing, none invented").isEqualTo(expectedEventIds);
            assertThat(late.stream().map(r -> r.event().sid()).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrderElementsOf(sids);
            assertThat(received.size()).isGreaterThanOrEqualTo(100);
        }
    }
}
