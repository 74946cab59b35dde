package io.github.ssosuite.demorp;

import io.quarkus.oidc.SecurityEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Map;

/**
 * Writes Quarkus OIDC's logout events into the audit. Quarkus fires them on the event loop; recording is
 * in-memory only.
 * <ul>
 * <li>{@code OIDC_BACKCHANNEL_LOGOUT_INITIATED}: a valid logout token was POSTed to the back-channel path
 * [BCL §2.5]; no identity, the token is in the {@code logout_token} property.</li>
 * <li>{@code OIDC_BACKCHANNEL_LOGOUT_COMPLETED}: the browser of that session came back and its session cookie was
 * removed.</li>
 * <li>{@code OIDC_FRONTCHANNEL_LOGOUT_COMPLETED}: the OP's iframe with matching {@code iss} and {@code sid} removed the
 * session [FCL §2].</li>
 * </ul>
 */
@ApplicationScoped
public class OidcLogoutEvents {

    /** The event property holding the verified logout token ({@code OidcConstants.BACK_CHANNEL_LOGOUT_TOKEN}). */
    static final String LOGOUT_TOKEN_PROPERTY = "logout_token";

    private final LogoutAudit audit;

    public OidcLogoutEvents(LogoutAudit audit) {
        this.audit = audit;
    }

    void onSecurityEvent(@Observes SecurityEvent event) {
        switch (event.getEventType()) {
            case OIDC_BACKCHANNEL_LOGOUT_INITIATED -> audit.record(AuditEntry.BACKCHANNEL_LOGOUT,
                    TokenClaims.sidOfVerifiedLogoutToken(property(event, LOGOUT_TOKEN_PROPERTY)));
            case OIDC_BACKCHANNEL_LOGOUT_COMPLETED -> audit.record(AuditEntry.BACKCHANNEL_LOGOUT_COMPLETED,
                    TokenClaims.sid(event.getSecurityIdentity()));
            case OIDC_FRONTCHANNEL_LOGOUT_COMPLETED -> audit.record(AuditEntry.FRONTCHANNEL_LOGOUT,
                    TokenClaims.sid(event.getSecurityIdentity()));
            default -> {
                // logins, refreshes, RP-initiated logout: not part of this audit
            }
        }
    }

    private static Object property(SecurityEvent event, String name) {
        Map<String, Object> properties = event.getEventProperties();
        return properties == null ? null : properties.get(name);
    }
}
