package io.github.ssosuite.auth.token;

import io.github.ssosuite.contracts.SessionEnded;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Refresh tokens follow their sessions (DESIGN flow 3, checklist H1): when a session ends its online refresh
 * tokens are revoked (they would fail at the next refresh anyway), and when the ending is a revoke-everything
 * (password reset, account deletion, all devices, an operator) every refresh token of the user goes,
 * {@code offline_access} included. Driven by the session-ended events, at least once: revoking twice is harmless.
 */
@ApplicationScoped
public class GrantRevocation {

    private static final Logger LOG = Logger.getLogger(GrantRevocation.class);

    @Incoming("session-ended")
    public Uni<Void> onSessionEnded(SessionEnded event) {
        if (event == null) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now();
        List<String> sids = new ArrayList<>(event.endedSids());
        if (event.sid() != null) {
            sids.add(event.sid());
        }
        Uni<Integer> revoked = event.reason().revokesOfflineGrants()
                ? Panache.withTransaction(() -> RefreshTokenEntity.update(
                        "revokedAt = ?1 where sub = ?2 and revokedAt is null", now, event.sub()))
                : sids.isEmpty() ? Uni.createFrom().item(0)
                : Panache.withTransaction(() -> RefreshTokenEntity.update(
                        "revokedAt = ?1 where sid in ?2 and offline = false and revokedAt is null", now, sids));
        return revoked
                .invoke(count -> {
                    if (count > 0) {
                        LOG.debugf("revoked %d refresh tokens after %s (%s)", count, event.eventId(), event.reason().wireValue());
                    }
                })
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .replaceWithVoid();
    }
}
