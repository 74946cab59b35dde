package io.github.ssosuite.auth.keys;

import io.github.ssosuite.auth.keys.KeyRotationPolicy.KeyTimes;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeyRotationPolicyTest {

    private final KeyRotationPolicy policy = new KeyRotationPolicy(Duration.ofDays(30), Duration.ofHours(1),
            Duration.ofDays(7));
    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void withoutKeysASuccessorIsNeededAndSignsAtOnce() {
        assertThat(policy.needsSuccessor(List.of(), t0)).isTrue();
        assertThat(policy.successorActivation(List.of(), t0)).isEqualTo(t0);
    }

    @Test
    void aSuccessorIsPublishedAheadAndTheOldKeySignsUntilItActivates() {
        KeyTimes old = new KeyTimes("old", t0, t0, null, null);
        Instant due = t0.plus(Duration.ofDays(30)).minus(Duration.ofHours(1));
        assertThat(policy.needsSuccessor(List.of(old), due.minusSeconds(1))).isFalse();
        assertThat(policy.needsSuccessor(List.of(old), due)).isTrue();

        Instant activates = policy.successorActivation(List.of(old), due);
        assertThat(activates).isEqualTo(due.plus(Duration.ofHours(1)));
        KeyTimes retired = new KeyTimes("old", t0, t0, activates, policy.expiryOf(activates));
        KeyTimes next = new KeyTimes("next", due, activates, null, null);
        List<KeyTimes> keys = List.of(retired, next);

        // published at once, signing only from its activation: no RP sees a kid it does not know yet
        assertThat(policy.published(keys, due)).extracting(KeyTimes::kid).containsExactly("next", "old");
        assertThat(policy.signingKey(keys, due).orElseThrow().kid()).isEqualTo("old");
        assertThat(policy.signingKey(keys, activates).orElseThrow().kid()).isEqualTo("next");
        assertThat(policy.needsSuccessor(keys, due)).isFalse();
        // the old key stays published for the retention, then leaves the JWKS
        assertThat(policy.published(keys, activates.plus(Duration.ofDays(7)).minusSeconds(1)))
                .extracting(KeyTimes::kid).contains("old");
        assertThat(policy.published(keys, activates.plus(Duration.ofDays(7))))
                .extracting(KeyTimes::kid).containsExactly("next");
    }
}
