package io.github.ssosuite.auth.client;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Registration checks, named after the checklist items (A8, A9) and RFC 7591 §2. */
class RegistrationRulesTest {

    private final RegistrationRules strict = new RegistrationRules(false, false, false);
    private final RegistrationRules local = new RegistrationRules(true, true, true);

    private static ClientMetadata client(String method, List<String> redirects, String backchannel, String frontchannel) {
        return new ClientMetadata("rp", redirects, null, null, null, method, null, backchannel, null, frontchannel, null);
    }

    @Test
    void defaultsAreThoseOfRfc7591() {
        ClientMetadata m = strict.check(client(null, List.of("https://rp.example/cb"), null, null));
        assertThat(m.grantTypes()).containsExactly("authorization_code");
        assertThat(m.responseTypes()).containsExactly("code");
        assertThat(m.tokenEndpointAuthMethod()).isEqualTo("client_secret_basic");
        assertThat(m.backchannelLogoutSessionRequired()).isFalse();
    }

    @Test
    void A8_aLogoutUriThatIsNotAbsoluteIsRefused() {
        assertThatThrownBy(() -> strict.check(client(null, List.of("https://rp.example/cb"), "/bc", null)))
                .isInstanceOf(RegistrationRules.Refused.class).hasMessageContaining("absolute");
        assertThatThrownBy(() -> strict.check(client(null, List.of("https://rp.example/cb"), null, "fc_logout")))
                .hasMessageContaining("absolute");
    }

    @Test
    void A8_aLogoutUriWithAFragmentIsRefused() {
        assertThatThrownBy(() -> strict.check(client(null, List.of("https://rp.example/cb"), "https://rp.example/bc#x", null)))
                .hasMessageContaining("fragment");
        assertThatThrownBy(() -> strict.check(client(null, List.of("https://rp.example/cb"), null, "https://rp.example/fc#x")))
                .hasMessageContaining("fragment");
    }

    @Test
    void A8_httpLogoutUrisOnlyForConfidentialClientsAndOnlyWhenTheOpAllowsIt() {
        var http = client("client_secret_basic", List.of("http://rp.example/cb"), "http://rp.example/bc", null);
        assertThatThrownBy(() -> strict.check(http)).hasMessageContaining("https");
        assertThat(new RegistrationRules(true, true, false).check(http).backchannelLogoutUri()).isEqualTo("http://rp.example/bc");
        var publicHttp = client("none", List.of("http://rp.example/cb"), "http://rp.example/bc", null);
        assertThatThrownBy(() -> new RegistrationRules(true, true, false).check(publicHttp))
                .hasMessageContaining("public client");
    }

    @Test
    void A8_logoutUrisOnLoopbackOrPrivateAddressesAreRefusedUnlessAllowed() {
        for (String target : List.of("https://localhost/bc", "https://127.0.0.1/bc", "https://10.1.2.3/bc",
                "https://192.168.0.1/bc", "https://169.254.169.254/latest", "https://[::1]/bc", "https://[fd00::1]/bc")) {
            assertThatThrownBy(() -> strict.check(client(null, List.of("https://rp.example/cb"), target, null)))
                    .as(target).hasMessageContaining("loopback, private or link-local");
        }
        assertThat(local.check(client(null, List.of("http://localhost:8090/cb"), "http://localhost:8090/bc", null))
                .backchannelLogoutUri()).isEqualTo("http://localhost:8090/bc");
    }

    @Test
    void A9_aFrontChannelLogoutUriOnAnotherOriginIsRefused() {
        assertThatThrownBy(() -> strict.check(client(null, List.of("https://rp.example/cb"), null,
                "https://other.example/fc"))).hasMessageContaining("scheme, host and port of a redirect_uri");
        assertThatThrownBy(() -> strict.check(client(null, List.of("https://rp.example/cb"), null,
                "https://rp.example:8443/fc"))).hasMessageContaining("scheme, host and port");
        // default port written out or left out is the same origin
        assertThat(strict.check(client(null, List.of("https://rp.example/cb"), null, "https://rp.example:443/fc"))
                .frontchannelLogoutUri()).isEqualTo("https://rp.example:443/fc");
    }

    @Test
    void A10_theQueryOfALogoutUriIsKept() {
        ClientMetadata m = strict.check(client(null, List.of("https://rp.example/cb"), "https://rp.example/bc?tenant=7",
                "https://rp.example/fc_logout?x=1"));
        assertThat(m.backchannelLogoutUri()).isEqualTo("https://rp.example/bc?tenant=7");
        assertThat(m.frontchannelLogoutUri()).isEqualTo("https://rp.example/fc_logout?x=1");
    }

    @Test
    void redirectUrisMustBeAbsoluteWithoutFragmentAndHttpsBeyondLocalhost() {
        assertThatThrownBy(() -> strict.check(client(null, List.of(), null, null))).hasMessageContaining("required");
        assertThatThrownBy(() -> strict.check(client(null, List.of("https://rp.example/cb#f"), null, null)))
                .isInstanceOf(RegistrationRules.Refused.class)
                .satisfies(e -> assertThat(((RegistrationRules.Refused) e).error()).isEqualTo("invalid_redirect_uri"));
        assertThatThrownBy(() -> strict.check(client(null, List.of("http://rp.example/cb"), null, null)))
                .hasMessageContaining("https");
        assertThatThrownBy(() -> strict.check(client(null, List.of("javascript:alert(1)"), null, null)))
                .isInstanceOf(RegistrationRules.Refused.class);
        assertThat(strict.check(client(null, List.of("http://localhost:8090/cb"), null, null))).isNotNull();
    }

    @Test
    void grantTypesAuthMethodsAndResponseTypesMustBeOnesWeSupportAndConsistent() {
        var bad = new ClientMetadata(null, List.of("https://rp.example/cb"), null, List.of("implicit"), null, null,
                null, null, null, null, null);
        assertThatThrownBy(() -> strict.check(bad)).hasMessageContaining("grant_types");
        var publicCc = new ClientMetadata(null, List.of(), null, List.of("client_credentials"), List.of(), "none",
                null, null, null, null, null);
        assertThatThrownBy(() -> strict.check(publicCc)).hasMessageContaining("public client");
        var unknownMethod = client("private_key_jwt", List.of("https://rp.example/cb"), null, null);
        assertThatThrownBy(() -> strict.check(unknownMethod)).hasMessageContaining("token_endpoint_auth_method");
        var service = new ClientMetadata(null, List.of(), null, List.of("client_credentials"), List.of(),
                "client_secret_basic", "sessions:read", null, null, null, null);
        assertThat(strict.check(service).redirectUris()).isEmpty();
    }
}
