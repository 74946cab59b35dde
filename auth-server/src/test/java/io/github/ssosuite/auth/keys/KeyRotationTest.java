package io.github.ssosuite.auth.keys;

import io.github.ssosuite.testsupport.SuiteInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rotation without downtime, on real PostgreSQL with a compressed schedule (a key signs for 3 s, its successor is
 * published 1 s ahead, a retired key stays published 2 s): the successor is in the JWKS before it signs, the
 * previous key stays published after it retires, then leaves.
 */
@QuarkusTest
@QuarkusTestResource(SuiteInfrastructureResource.class)
@TestProfile(KeyRotationTest.FastRotation.class)
class KeyRotationTest {

    public static class FastRotation implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("auth.keys.rotation-interval", "3S", "auth.keys.publish-ahead", "1S",
                    "auth.keys.retention", "6S");
        }
    }

    @Inject
    SigningKeyService keys;

    @Test
    void aSuccessorIsPublishedBeforeItSignsAndThePredecessorAfterItRetires() throws Throwable {
        String first = keys.activeKey().kid();
        // run the schedule by hand until a successor exists
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
            onVertx(keys::rotateIfDue);
            return published().size() > 1;
        });
        List<String> both = published();
        String successor = both.stream().filter(kid -> !kid.equals(first)).findFirst().orElseThrow();
        // published, but the predecessor still signs until the successor activates
        assertThat(keys.activeKey().kid()).isEqualTo(first);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
            onVertx(keys::reload);
            return keys.activeKey().kid().equals(successor);
        });
        assertThat(published()).contains(first, successor);

        // the retired key leaves the JWKS after its retention (6 s: wide enough for a busy 2-core CI machine,
        // where a 2 s retention once ran out before the check above)
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            onVertx(keys::reload);
            return !published().contains(first);
        });
    }

    private static void onVertx(java.util.function.Supplier<io.smallrye.mutiny.Uni<Void>> work) throws Exception {
        try {
            VertxContextSupport.subscribeAndAwait(work);
        } catch (Exception e) {
            throw e;
        } catch (Throwable t) {
            throw new Exception(t);
        }
    }

    private static List<String> published() {
        return given().get("/jwks").then().statusCode(200).extract().jsonPath().getList("keys.kid");
    }
}
