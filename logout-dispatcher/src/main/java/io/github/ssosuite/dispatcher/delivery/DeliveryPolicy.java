package io.github.ssosuite.dispatcher.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What an RP's answer means and when to try again (BCL §2.5, §2.8; checklist F14, F17). Pure.
 *
 * @param initialBackoff the wait after the first failure; it doubles with each further one
 * @param maxBackoff     the longest wait between two attempts
 * @param retryWindow    after this long since the event, a delivery that still fails goes to the dead letters
 */
public record DeliveryPolicy(Duration initialBackoff, Duration maxBackoff, Duration retryWindow) {

    /** The outcome of one attempt. */
    public enum Outcome {
        /** 200 or 204: the RP logged the user out. */
        DONE,
        /** 400 (or another non-retryable status): the RP refused the token; final, not retried. */
        REFUSED,
        /** Connection error, timeout, 429 or 5xx: potentially recoverable; try again later. */
        RETRY
    }

    /** F17: 200 and 204 succeed; 400 is final; 429 and 5xx are recoverable; other statuses are final failures. */
    public static Outcome classify(int status) {
        if (status == 200 || status == 204) {
            return Outcome.DONE;
        }
        if (status == 429 || status >= 500) {
            return Outcome.RETRY;
        }
        return Outcome.REFUSED;
    }

    /** When to try again after {@code attempts} failed attempts: exponential backoff with full jitter. */
    public Instant nextAttempt(Instant now, int attempts) {
        long base = initialBackoff.toMillis() << Math.min(attempts - 1, 20);
        long capped = Math.min(base, maxBackoff.toMillis());
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        return now.plusMillis(jittered);
    }

    /** Whether a delivery created at {@code createdAt} may still be tried at {@code at}. */
    public boolean withinWindow(Instant createdAt, Instant at) {
        return withinWindow(createdAt, at, retryWindow);
    }

    /** The same with a client's own window. */
    public static boolean withinWindow(Instant createdAt, Instant at, Duration window) {
        return at.isBefore(createdAt.plus(window));
    }
}
