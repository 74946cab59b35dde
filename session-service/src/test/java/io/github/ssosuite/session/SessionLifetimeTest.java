package io.github.ssosuite.session;

import io.github.ssosuite.contracts.EndReason;
import io.github.ssosuite.session.store.RedisKeys;
import io.github.ssosuite.session.rules.SessionIds;
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
import java.util.concurrent.CompletableFuture;

import static io.github.ssosuite.session.SessionApiTest.api;
import static io.github.ssosuite.session.SessionApiTest.newSession;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lifetimes with the test profile's short settings (idle 5 s, absolute 10 s, sweep every 200 ms), expiry events,
 * and atomicity of concurrent changes, on real Redis and Kafka.
 */
@QuarkusTest
@QuarkusTestResource(SuiteInfrastructureResource.class)
class SessionLifetimeTest {

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void touchingSlidesTheIdleExpiryAndRedisTtlFollows() throws Exception {
        String sid = newSession("user-" + UUID.randomUUID(), "wiki");
        Instant before = Instant.parse(api().get("/sessions/{sid}", sid).then().extract().path("idle_expires_at"));
        String key = sessionKey(sid);

        Thread.sleep(1000);
        Instant after = Instant.parse(api().post("/sessions/{sid}/touch", sid).then().statusCode(200)
                .extract().path("idle_expires_at"));

        assertThat(after).isAfter(before.plusMillis(900));
        // the record's TTL moved with it in the same step: Redis deletes it at idle expiry + grace (1 h)
        Instant redisDeletesAt = Instant.now().plusMillis(redis.key().pttl(key));
        assertThat(Duration.between(after.plus(Duration.ofHours(1)), redisDeletesAt).abs())
                .isLessThan(Duration.ofMillis(300));
    }

    @Test
    void anUntouchedSessionExpiresAndItsClientsAreNotifiedWithReasonExpired() {
        try (var topic = new SessionEndedTopic(kafka)) {
            String sid = newSession("user-" + UUID.randomUUID(), "dashboard");

            var events = topic.await(e -> sid.equals(e.sid()), 1, Duration.ofSeconds(15));

            assertThat(events.get(0).event().reason()).isEqualTo(EndReason.EXPIRED);
            assertThat(events.get(0).event().clients()).hasSize(1);
            // idle 5 s + one sweep (200 ms): the event is not later than the bound plus publishing
            assertThat(Duration.between(events.get(0).event().endedAt(), Instant.now())).isLessThan(Duration.ofSeconds(5));
            api().get("/sessions/{sid}", sid).then().statusCode(404);
            assertThat(redis.key().exists(sessionKey(sid))).isFalse();
        }
    }

    @Test
    void touchingNeverExtendsASessionPastItsAbsoluteLifetime() throws Exception {
        try (var topic = new SessionEndedTopic(kafka)) {
            String sid = newSession("user-" + UUID.randomUUID(), "wiki");
            Instant absolute = Instant.parse(api().get("/sessions/{sid}", sid).then().extract().path("absolute_expires_at"));
            Instant lastTouch = Instant.now();
            // touch every second, well inside the idle timeout, for longer than the absolute lifetime
            while (Instant.now().isBefore(absolute.plusSeconds(1))) {
                int status = api().post("/sessions/{sid}/touch", sid).then().extract().statusCode();
                if (status == 404) {
                    break;
                }
                lastTouch = Instant.now();
                Instant idle = Instant.parse(api().get("/sessions/{sid}", sid).then().extract().path("idle_expires_at"));
                assertThat(idle).isBeforeOrEqualTo(absolute);
                Thread.sleep(1000);
            }
            assertThat(lastTouch).isBefore(absolute.plusMillis(500));
            api().post("/sessions/{sid}/touch", sid).then().statusCode(404);
            assertThat(topic.await(e -> sid.equals(e.sid()), 1, Duration.ofSeconds(10)).get(0).event().reason())
                    .isEqualTo(EndReason.EXPIRED);
        }
    }

    @Test
    void aConcurrentTouchJoinAndEndNeverResurrectASession() {
        for (int i = 0; i < 40; i++) {
            String sub = "user-" + UUID.randomUUID();
            String sid = newSession(sub, "wiki");
            var touch = CompletableFuture.runAsync(() -> api().post("/sessions/{sid}/touch", sid));
            var join = CompletableFuture.runAsync(() ->
                    api().body(java.util.Map.of("client_id", "dashboard")).post("/sessions/{sid}/clients", sid));
            var end = CompletableFuture.runAsync(() -> api().delete("/sessions/{sid}", sid).then().statusCode(200));
            CompletableFuture.allOf(touch, join, end).join();

            api().get("/sessions/{sid}", sid).then().statusCode(404);
            assertThat(redis.key().exists(sessionKey(sid))).as("record of %s", sid).isFalse();
            int shard = new SessionIds(8).shardOfSid(sid).orElseThrow();
            RedisKeys keys = new RedisKeys("sso");
            assertThat(redis.sortedSet(String.class).zscore(keys.expiry(shard), sid)).isEmpty();
            assertThat(redis.sortedSet(String.class).zscore(keys.byUser(shard), sub + "\0" + sid)).isEmpty();
            assertThat(redis.set(String.class).sismember(keys.byClient(shard, "dashboard"), sid)).isFalse();
            assertThat(redis.set(String.class).sismember(keys.byClient(shard, "wiki"), sid)).isFalse();
        }
    }

    private static String sessionKey(String sid) {
        return new RedisKeys("sso").session(new SessionIds(8).shardOfSid(sid).orElseThrow(), sid);
    }
}
