package io.github.ssosuite.auth.oidc;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** prompt, max_age and id_token_hint against a live session (Core §3.1.2.1; checklist B3-B5, H2). */
class LoginRequirementTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private static AuthorizationRequest request(Set<String> prompts, Integer maxAge, String hint, List<String> scopes) {
        return new AuthorizationRequest("rp", "https://rp/cb", scopes, "s", "n", prompts, maxAge, hint, null,
                List.of(), null, "query", "challenge");
    }

    private static AuthorizationRequest plain(Set<String> prompts) {
        return request(prompts, null, null, List.of("openid"));
    }

    @Test
    void aLiveSessionIsUsedUnlessTheRequestAsksForALogin() {
        Instant authTime = NOW.minusSeconds(600);
        assertThat(LoginRequirement.decide(plain(Set.of()), "alice", authTime, null, NOW))
                .isEqualTo(LoginRequirement.Decision.USE_SESSION);
        assertThat(LoginRequirement.decide(plain(Set.of("login")), "alice", authTime, null, NOW))
                .isEqualTo(LoginRequirement.Decision.LOGIN);
        assertThat(LoginRequirement.decide(request(Set.of(), 300, null, List.of("openid")), "alice", authTime, null, NOW))
                .as("max_age exceeded").isEqualTo(LoginRequirement.Decision.LOGIN);
        assertThat(LoginRequirement.decide(request(Set.of("none"), null, null, List.of("openid")), "alice", authTime,
                "bob", NOW)).as("a hint for another user").isEqualTo(LoginRequirement.Decision.LOGIN_REQUIRED);
        assertThat(LoginRequirement.decide(plain(Set.of("none")), null, null, null, NOW))
                .isEqualTo(LoginRequirement.Decision.LOGIN_REQUIRED);
    }

    @Test
    void theSessionSufficesOnlyWhenNothingButALiveSessionDecides() {
        assertThat(LoginRequirement.sessionSuffices(plain(Set.of()), false)).isTrue();
        assertThat(LoginRequirement.sessionSuffices(plain(Set.of("none")), false)).isTrue();
        assertThat(LoginRequirement.sessionSuffices(plain(Set.of("login")), false)).isFalse();
        assertThat(LoginRequirement.sessionSuffices(request(Set.of(), 3600, null, List.of("openid")), false)).isFalse();
        assertThat(LoginRequirement.sessionSuffices(request(Set.of(), null, "a.b.c", List.of("openid")), false)).isFalse();
        assertThat(LoginRequirement.sessionSuffices(plain(Set.of()), true)).as("the client requires consent").isFalse();
        assertThat(LoginRequirement.sessionSuffices(request(Set.of("consent"), null, null,
                List.of("openid", "offline_access")), false)).as("offline_access with prompt=consent asks").isFalse();
    }

    @Test
    void wheneverTheSessionSufficesAnyLiveSessionIsUsed() {
        for (Set<String> prompts : List.of(Set.<String>of(), Set.of("none"), Set.of("consent"), Set.of("select_account"))) {
            AuthorizationRequest request = plain(prompts);
            if (LoginRequirement.sessionSuffices(request, false)) {
                assertThat(LoginRequirement.decide(request, "alice", NOW.minusSeconds(86_400 * 30), null, NOW))
                        .as("prompts %s", prompts).isEqualTo(LoginRequirement.Decision.USE_SESSION);
            }
        }
    }
}
