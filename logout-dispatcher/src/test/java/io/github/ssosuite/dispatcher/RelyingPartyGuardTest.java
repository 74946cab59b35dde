package io.github.ssosuite.dispatcher;

import io.github.ssosuite.dispatcher.delivery.RelyingPartyGuard;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-RP concurrency limit and circuit breaker, in plain Java. */
class RelyingPartyGuardTest {

    private final Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
    private final RelyingPartyGuard guard = new RelyingPartyGuard(3, Duration.ofSeconds(30), Duration.ofMillis(200));

    @Test
    void noMoreThanTheLimitInFlightPerRpAndOtherRpsAreUnaffected() {
        assertThat(guard.admit("slow", 2, t0).admitted()).isTrue();
        assertThat(guard.admit("slow", 2, t0).admitted()).isTrue();
        var third = guard.admit("slow", 2, t0);
        assertThat(third.admitted()).isFalse();
        assertThat(third.retryAt()).isEqualTo(t0.plusMillis(200));
        assertThat(guard.admit("other", 2, t0).admitted()).isTrue();
        guard.release("slow", true, t0);
        assertThat(guard.admit("slow", 2, t0).admitted()).isTrue();
    }

    @Test
    void consecutiveFailuresOpenTheCircuitThenOneTrialDecides() {
        for (int i = 0; i < 3; i++) {
            assertThat(guard.admit("dead", 10, t0).admitted()).isTrue();
            guard.release("dead", false, t0);
        }
        assertThat(guard.isOpen("dead", t0)).isTrue();
        var refused = guard.admit("dead", 10, t0.plusSeconds(5));
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.retryAt()).isEqualTo(t0.plusSeconds(30));
        assertThat(guard.admit("alive", 10, t0.plusSeconds(5)).admitted()).isTrue();

        // half-open after the cool-down: one trial, the others wait for it
        Instant later = t0.plusSeconds(31);
        assertThat(guard.admit("dead", 10, later).admitted()).isTrue();
        assertThat(guard.admit("dead", 10, later).admitted()).isFalse();
        guard.release("dead", false, later);
        assertThat(guard.isOpen("dead", later)).as("a failed trial opens it again").isTrue();

        Instant again = later.plusSeconds(31);
        assertThat(guard.admit("dead", 10, again).admitted()).isTrue();
        guard.release("dead", true, again);
        assertThat(guard.isOpen("dead", again)).isFalse();
        assertThat(guard.admit("dead", 10, again).admitted()).isTrue();
    }

    @Test
    void aSuccessResetsTheCountAndNeutralOutcomesCountForNothing() {
        guard.admit("flaky", 10, t0);
        guard.release("flaky", false, t0);
        guard.admit("flaky", 10, t0);
        guard.release("flaky", false, t0);
        guard.admit("flaky", 10, t0);
        guard.release("flaky", true, t0);
        guard.admit("flaky", 10, t0);
        guard.release("flaky", null, t0);
        guard.admit("flaky", 10, t0);
        guard.release("flaky", false, t0);
        assertThat(guard.isOpen("flaky", t0)).isFalse();
    }
}
