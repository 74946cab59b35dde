package io.github.ssosuite.demorp;

import io.quarkus.oidc.SecurityEvent;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.core.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class OidcLogoutEventsTest {

    private final LogoutAudit audit = new LogoutAudit(
            Clock.fixed(Instant.parse("2026-11-22T10:15:30Z"), ZoneOffset.UTC), 10);
    private final OidcLogoutEvents events = new OidcLogoutEvents(audit);

    /** Quarkus's TokenVerificationResult as a record (newer versions). */
    record RecordResult(JsonObject localVerificationResult, JsonObject introspectionResult) {
    }

    /** Quarkus's TokenVerificationResult with package-private fields (older versions). */
    static final class FieldResult {
        JsonObject localVerificationResult;

        FieldResult(JsonObject claims) {
            this.localVerificationResult = claims;
        }
    }

    @Test
    void backChannelLogoutTokenIsRecordedWithItsSid() {
        JsonObject claims = new JsonObject().put("sub", "u1").put("sid", "3-abc");

        events.onSecurityEvent(new SecurityEvent(SecurityEvent.Type.OIDC_BACKCHANNEL_LOGOUT_INITIATED,
                Map.of(OidcLogoutEvents.LOGOUT_TOKEN_PROPERTY, new RecordResult(claims, null))));
        events.onSecurityEvent(new SecurityEvent(SecurityEvent.Type.OIDC_BACKCHANNEL_LOGOUT_INITIATED,
                Map.of(OidcLogoutEvents.LOGOUT_TOKEN_PROPERTY, new FieldResult(claims))));

        assertThat(audit.entries()).extracting(AuditEntry::type, AuditEntry::sid).containsExactly(
                tuple("backchannel_logout", "3-abc"),
                tuple("backchannel_logout", "3-abc"));
    }

    @Test
    void anUnknownLogoutTokenShapeIsRecordedWithoutSid() {
        events.onSecurityEvent(new SecurityEvent(SecurityEvent.Type.OIDC_BACKCHANNEL_LOGOUT_INITIATED,
                Map.of(OidcLogoutEvents.LOGOUT_TOKEN_PROPERTY, "not a verification result")));

        assertThat(audit.entries()).singleElement()
                .satisfies(entry -> assertThat(entry.type()).isEqualTo("backchannel_logout"))
                .satisfies(entry -> assertThat(entry.sid()).isNull());
    }

    @Test
    void completedLogoutsTakeTheSidOfTheIdToken() {
        events.onSecurityEvent(new SecurityEvent(SecurityEvent.Type.OIDC_BACKCHANNEL_LOGOUT_COMPLETED,
                identity(idToken(Map.of("sub", "u1", "sid", "3-abc")))));
        events.onSecurityEvent(new SecurityEvent(SecurityEvent.Type.OIDC_FRONTCHANNEL_LOGOUT_COMPLETED,
                identity(idToken(Map.of("sub", "u1", "sid", jsonString("3-def"))))));

        assertThat(audit.entries()).extracting(AuditEntry::type, AuditEntry::sid).containsExactly(
                tuple("backchannel_logout_completed", "3-abc"),
                tuple("frontchannel_logout", "3-def"));
    }

    @Test
    void otherEventsAreNotAudited() {
        events.onSecurityEvent(new SecurityEvent(SecurityEvent.Type.OIDC_LOGIN,
                identity(idToken(Map.of("sub", "u1")))));

        assertThat(audit.entries()).isEmpty();
    }

    private static QuarkusSecurityIdentity identity(JsonWebToken idToken) {
        return QuarkusSecurityIdentity.builder().setPrincipal(idToken).build();
    }

    private static JsonWebToken idToken(Map<String, Object> claims) {
        return new JsonWebToken() {
            @Override
            public String getName() {
                return (String) claims.get("sub");
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                return (T) claims.get(claimName);
            }
        };
    }

    private static JsonString jsonString(String value) {
        return new JsonString() {
            @Override
            public String getString() {
                return value;
            }

            @Override
            public CharSequence getChars() {
                return value;
            }

            @Override
            public JsonValue.ValueType getValueType() {
                return JsonValue.ValueType.STRING;
            }
        };
    }
}
