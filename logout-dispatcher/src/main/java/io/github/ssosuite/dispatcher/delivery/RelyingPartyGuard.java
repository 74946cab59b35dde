package io.github.ssosuite.dispatcher.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps one dead or slow RP from exhausting the dispatcher (issue 5): per RP, a limit on attempts in flight and a
 * circuit breaker. After {@code failuresToOpen} failed attempts in a row (no answer, timeout, 429, 5xx) the circuit
 * opens: for {@code openFor} that RP's deliveries are not attempted but rescheduled, costing no connection, no
 * timeout and no attempt of their retry budget. Then one trial attempt goes out (half-open): success closes the
 * circuit, failure opens it again. Deliveries to other RPs are never affected. Per replica, in memory. Pure apart
 * from its own state; the caller passes the time.
 */
public final class RelyingPartyGuard {

    /** The answer to "may this attempt go out now?"; when not, whether the RP's circuit is open (else: busy). */
    public record Admission(boolean admitted, Instant retryAt, boolean circuitOpen) {
        static final Admission YES = new Admission(true, null, false);

        public String reason() {
            return admitted ? null : circuitOpen ? "circuit open" : "concurrency limit";
        }
    }

    private static final class State {
        int inFlight;
        int consecutiveFailures;
        Instant openUntil;
        boolean trialInFlight;
    }

    private final int failuresToOpen;
    private final Duration openFor;
    private final Duration busyRetry;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    public RelyingPartyGuard(int failuresToOpen, Duration openFor, Duration busyRetry) {
        this.failuresToOpen = failuresToOpen;
        this.openFor = openFor;
        this.busyRetry = busyRetry;
    }

    /** Admits an attempt to {@code clientId} (then {@link #release} must follow), or says when to come back. */
    public Admission admit(String clientId, int maxConcurrency, Instant now) {
        State s = states.computeIfAbsent(clientId, k -> new State());
        synchronized (s) {
            if (s.openUntil != null) {
                if (now.isBefore(s.openUntil) || s.trialInFlight) {
                    Instant retry = now.isBefore(s.openUntil) ? s.openUntil : now.plus(busyRetry);
                    return new Admission(false, retry, true);
                }
                s.trialInFlight = true; // half-open: this one attempt decides
            } else if (s.inFlight >= maxConcurrency) {
                return new Admission(false, now.plus(busyRetry), false);
            }
            s.inFlight++;
            return Admission.YES;
        }
    }

    /**
     * An admitted attempt ended: {@code healthy} true when the RP answered (anything but 429 or 5xx), false when it
     * failed as a dead RP would, null when it was not the RP's doing (a target refused before sending).
     */
    public void release(String clientId, Boolean healthy, Instant now) {
        State s = states.get(clientId);
        if (s == null) {
            return;
        }
        synchronized (s) {
            s.inFlight = Math.max(0, s.inFlight - 1);
            boolean trial = s.trialInFlight;
            s.trialInFlight = false;
            if (healthy == null) {
                return;
            }
            if (healthy) {
                s.consecutiveFailures = 0;
                s.openUntil = null;
            } else {
                s.consecutiveFailures++;
                if (trial || s.consecutiveFailures >= failuresToOpen) {
                    s.openUntil = now.plus(openFor);
                }
            }
        }
    }

    /** Whether the circuit of {@code clientId} is open at {@code now} (metrics, tests). */
    public boolean isOpen(String clientId, Instant now) {
        State s = states.get(clientId);
        if (s == null) {
            return false;
        }
        synchronized (s) {
            return s.openUntil != null && now.isBefore(s.openUntil);
        }
    }

    /** RPs whose circuit is open now. */
    public long openCircuits(Instant now) {
        return states.keySet().stream().filter(id -> isOpen(id, now)).count();
    }
}
