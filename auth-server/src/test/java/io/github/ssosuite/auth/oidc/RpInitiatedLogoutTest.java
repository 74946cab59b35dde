package io.github.ssosuite.auth.oidc;

import io.github.ssosuite.auth.oidc.RpInitiatedLogout.Client;
import io.github.ssosuite.auth.oidc.RpInitiatedLogout.Confirm;
import io.github.ssosuite.auth.oidc.RpInitiatedLogout.Hint;
import io.github.ssosuite.auth.oidc.RpInitiatedLogout.LogOut;
import io.github.ssosuite.auth.oidc.RpInitiatedLogout.Refused;
import io.github.ssosuite.auth.oidc.RpInitiatedLogout.Request;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules of RP-Initiated Logout 1.0 (checklist D), in plain Java. */
class RpInitiatedLogoutTest {

    private static final Client RP = new Client("rp", List.of("https://rp.example/bye", "https://rp.example/out?x=1"));
    private static final Hint HINT = new Hint(List.of("rp"), "alice", "sid-1");

    private static Request request(String clientId, String uri, String state) {
        return new Request("hint", null, clientId, uri, state, null);
    }

    @Test
    void aHintForTheCurrentSessionLogsOutAtOnceAndRedirectsWithState() {
        var d = RpInitiatedLogout.decide(request(null, "https://rp.example/bye", "s"), HINT, RP, "sid-1", "alice");
        assertThat(d).isEqualTo(new LogOut("rp", "https://rp.example/bye?state=s"));
    }

    @Test
    void D5_clientIdMustBeTheHintsAudience() {
        assertThatThrownBy(() -> RpInitiatedLogout.clientOf(request("other", null, null), HINT))
                .isInstanceOf(Refused.class).hasMessageContaining("client_id does not match");
        assertThat(RpInitiatedLogout.clientOf(request("rp", null, null), HINT)).isEqualTo("rp");
        assertThat(RpInitiatedLogout.clientOf(request(null, null, null), HINT)).isEqualTo("rp");
    }

    @Test
    void D6_noHintOrAHintForAnotherSessionOrUserAsksFirst() {
        assertThat(RpInitiatedLogout.decide(request("rp", null, null), null, RP, "sid-1", "alice"))
                .isInstanceOf(Confirm.class);
        assertThat(RpInitiatedLogout.decide(request(null, null, null), HINT, RP, "sid-2", "alice"))
                .isInstanceOf(Confirm.class);
        assertThat(RpInitiatedLogout.decide(request(null, null, null), new Hint(List.of("rp"), "bob", null), RP,
                "sid-1", "alice")).isInstanceOf(Confirm.class);
        assertThat(RpInitiatedLogout.decide(request(null, null, null), new Hint(List.of("rp"), "alice", null), RP,
                "sid-1", "alice")).isInstanceOf(LogOut.class);
    }

    @Test
    void D7_onlyAnExactlyRegisteredUriIsFollowed() {
        for (String uri : List.of("https://rp.example/bye/", "https://rp.example/bye?foo=bar", "https://rp.example/by",
                "https://RP.example/bye", "https://rp.example/bye#x", "http://rp.example/bye")) {
            assertThatThrownBy(() -> RpInitiatedLogout.decide(request(null, uri, null), HINT, RP, "sid-1", "alice"))
                    .as(uri).isInstanceOf(Refused.class).hasMessageContaining("not registered");
        }
    }

    @Test
    void D8_aUriWithoutHintOrClientIdIsRefused() {
        assertThatThrownBy(() -> RpInitiatedLogout.decide(new Request(null, null, null, "https://rp.example/bye", null,
                null), null, null, "sid-1", "alice")).isInstanceOf(Refused.class);
        assertThat(RpInitiatedLogout.decide(new Request(null, null, "rp", "https://rp.example/bye", null, null), null, RP,
                "sid-1", "alice")).isEqualTo(new Confirm("rp", "https://rp.example/bye"));
    }

    @Test
    void D9_nobodyLoggedInIsNotAnError() {
        assertThat(RpInitiatedLogout.decide(new Request(null, null, null, null, "s", null), null, null, null, null))
                .isEqualTo(new LogOut(null, null));
    }

    @Test
    void D10_stateIsEncodedSoItComesBackByteForByteAndARegisteredQueryIsKept() {
        assertThat(RpInitiatedLogout.withState("https://rp.example/out?x=1", "a b+c&d=é"))
                .isEqualTo("https://rp.example/out?x=1&state=a%20b%2Bc%26d%3D%C3%A9");
        assertThat(RpInitiatedLogout.withState("https://rp.example/bye", null)).isEqualTo("https://rp.example/bye");
    }

    @Test
    void repeatedParametersAreRefused() {
        assertThatThrownBy(() -> RpInitiatedLogout.parse(Map.of("state", List.of("a", "b"))))
                .isInstanceOf(Refused.class).hasMessageContaining("state is repeated");
        assertThat(RpInitiatedLogout.parse(Map.of("ui_locales", List.of("x-klingon"))).uiLocales()).isEqualTo("x-klingon");
    }

    @Test
    void E2_frontChannelUrlsCarryIssAndSidAndKeepTheRegisteredQuery() {
        assertThat(FrontChannelLogout.iframeUrl("https://rp.example/fc?x=1", "https://op.example", "s 1"))
                .isEqualTo("https://rp.example/fc?x=1&iss=https%3A%2F%2Fop.example&sid=s+1");
        assertThat(FrontChannelLogout.iframeUrl("https://rp.example/fc", "https://op.example", "abc"))
                .isEqualTo("https://rp.example/fc?iss=https%3A%2F%2Fop.example&sid=abc");
    }
}
