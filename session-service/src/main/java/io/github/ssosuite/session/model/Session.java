package io.github.ssosuite.session.model;

import io.github.ssosuite.contracts.ParticipatingClient;

import java.time.Instant;
import java.util.List;

/** An SSO session as stored in Redis: one record per login, joined by the clients the user signs in to. */
public record Session(
        String sid,
        String sub,
        Instant authTime,
        List<String> amr,
        String acr,
        Instant createdAt,
        Instant lastSeenAt,
        Instant idleExpiresAt,
        Instant absoluteExpiresAt,
        String userAgent,
        String ip,
        String browserState,
        List<ParticipatingClient> clients) {

    /** The earlier of the two expiries. */
    public Instant expiresAt() {
        return idleExpiresAt.isBefore(absoluteExpiresAt) ? idleExpiresAt : absoluteExpiresAt;
    }
}
