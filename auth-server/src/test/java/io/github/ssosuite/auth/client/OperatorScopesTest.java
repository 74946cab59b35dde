package io.github.ssosuite.auth.client;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Operator scopes belong to operator-configured clients only (RFC 7591 §2 lets the server refuse a scope). */
class OperatorScopesTest {

    private final OperatorScopes rule = new OperatorScopes(Set.of("sessions:end", "keys:rotate"));

    private static ClientMetadata asking(String scope) {
        return new ClientMetadata(null, List.of(), null, List.of("client_credentials"), List.of(),
                "client_secret_basic", scope, null, null, null, null);
    }

    @Test
    void registrationAskingForAnOperatorScopeIsRefusedNamingIt() {
        assertThatThrownBy(() -> rule.refuseInRegistration(asking("openid keys:rotate profile")))
                .isInstanceOfSatisfying(RegistrationRules.Refused.class,
                        r -> assertThat(r.error()).isEqualTo("invalid_client_metadata"))
                .hasMessageContaining("keys:rotate").hasMessageNotContaining("profile");
        rule.refuseInRegistration(asking("openid profile offline_access"));
        rule.refuseInRegistration(asking(null));
    }

    @Test
    void onlySeededClientsAreGrantedOperatorScopesWhateverIsStored() {
        assertThat(rule.grantable("openid sessions:end", true)).containsExactly("openid", "sessions:end");
        assertThat(rule.grantable("openid sessions:end", false)).containsExactly("openid");
        assertThat(rule.grantable("", false)).isEmpty();
    }
}
