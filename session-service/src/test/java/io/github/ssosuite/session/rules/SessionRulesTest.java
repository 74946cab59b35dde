package io.github.ssosuite.session.rules;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionRulesTest {

    private final SessionLifetime lifetime = new SessionLifetime(Duration.ofMinutes(30), Duration.ofHours(8));
    private final Instant login = Instant.parse("2026-01-01T08:00:00Z");

    @Test
    void aTouchSlidesTheIdleExpiry() {
        Instant absolute = lifetime.absoluteExpiry(login);
        Instant touch = login.plus(Duration.ofHours(1));

        assertThat(lifetime.idleExpiryAfterTouch(touch, absolute)).isEqualTo(touch.plus(Duration.ofMinutes(30)));
    }

    @Test
    void aTouchNeverExtendsPastTheAbsoluteExpiry() {
        Instant absolute = lifetime.absoluteExpiry(login);
        Instant lateTouch = login.plus(Duration.ofHours(7).plusMinutes(50));

        assertThat(lifetime.idleExpiryAfterTouch(lateTouch, absolute)).isEqualTo(absolute);
    }

    @Test
    void aSessionIsOverAtTheEarlierExpiry() {
        Instant idle = login.plusSeconds(60);
        Instant absolute = login.plusSeconds(120);

        assertThat(SessionLifetime.isExpired(login.plusSeconds(59), idle, absolute)).isFalse();
        assertThat(SessionLifetime.isExpired(login.plusSeconds(60), idle, absolute)).isTrue();
        assertThat(SessionLifetime.isExpired(login.plusSeconds(30), absolute, idle)).isFalse();
        assertThat(SessionLifetime.isExpired(login.plusSeconds(60), absolute, idle)).isTrue();
    }

    @Test
    void lifetimesMustBePositive() {
        assertThatThrownBy(() -> new SessionLifetime(Duration.ZERO, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sidsCarry128RandomBitsBehindTheUsersShardAndLookLikeAClientId() {
        SessionIds ids = new SessionIds(8);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String sid = ids.newSid("alice");
            assertThat(sid).matches("\\d-[A-Za-z0-9_-]{22}");
            // the random part: 22 base64url characters = 132 bits of text for 128 bits of randomness
            assertThat(ids.shardOfSid(sid)).hasValue(ids.shardOf("alice"));
            seen.add(sid);
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void everyUserHasOneShardAndUsersSpreadOverShards() {
        SessionIds ids = new SessionIds(8);
        assertThat(ids.shardOf("alice")).isEqualTo(ids.shardOf("alice"));
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            used.add(ids.shardOf("user-" + i));
        }
        assertThat(used).hasSize(8);
    }

    @Test
    void textThatIsNotOurSidNamesNoShard() {
        SessionIds ids = new SessionIds(8);
        assertThat(ids.shardOfSid(null)).isEmpty();
        assertThat(ids.shardOfSid("")).isEmpty();
        assertThat(ids.shardOfSid("9-AAAAAAAAAAAAAAAAAAAAAA")).isEmpty();
        assertThat(ids.shardOfSid("1-short")).isEmpty();
        assertThat(ids.shardOfSid("1-AAAAAAAAAAAAAAAAAAAAA*")).isEmpty();
        assertThat(ids.shardOfSid("1-AAAAAAAAAAAAAAAAAAAAAA")).hasValue(1);
    }
}
