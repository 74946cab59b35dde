package io.github.ssosuite.session.rules;

import java.time.Duration;
import java.time.Instant;

/**
 * Sliding and absolute session lifetime (DESIGN flow 2): each touch moves the idle expiry to
 * {@code now + idle}, never past the absolute expiry fixed at login. A session is over at the earlier of the two.
 */
public record SessionLifetime(Duration idle, Duration absolute) {

    public SessionLifetime {
        if (idle.isNegative() || idle.isZero() || absolute.isNegative() || absolute.isZero()) {
            throw new IllegalArgumentException("session lifetimes must be positive");
        }
    }

    /** The absolute expiry of a session that starts at {@code start}. */
    public Instant absoluteExpiry(Instant start) {
        return start.plus(absolute);
    }

    /** The idle expiry after a touch at {@code now}: {@code now + idle}, capped by {@code absoluteExpiry}. */
    public Instant idleExpiryAfterTouch(Instant now, Instant absoluteExpiry) {
        Instant sliding = now.plus(idle);
        return sliding.isAfter(absoluteExpiry) ? absoluteExpiry : sliding;
    }

    /** Whether a session with these expiries is over at {@code now}. */
    public static boolean isExpired(Instant now, Instant idleExpiry, Instant absoluteExpiry) {
        return !now.isBefore(idleExpiry) || !now.isBefore(absoluteExpiry);
    }
}
