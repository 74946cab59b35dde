package io.github.ssosuite.auth.token;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScopeAudiencesTest {

    @Test
    void pairsBecomeAMapAndAMalformedPairIsAnError() {
        assertThat(ScopeAudiences.parse("sessions:read=session-service, keys:rotate = auth-server,"))
                .containsExactly(java.util.Map.entry("sessions:read", "session-service"),
                        java.util.Map.entry("keys:rotate", "auth-server"));
        assertThatThrownBy(() -> ScopeAudiences.parse("sessions:read")).isInstanceOf(IllegalArgumentException.class);
    }
}
