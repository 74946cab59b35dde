package io.github.ssosuite.demorp;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PagesTest {

    @Test
    void homeShowsAppUserSidSiblingsAndSignOut() {
        String page = Pages.home("wiki", "demo", "3-abc", List.of("http://localhost:8091", "http://localhost:8093"));

        assertThat(page)
                .contains("<span id=\"app-name\">wiki</span>: signed in as <span id=\"user\">demo</span>")
                .contains("<code id=\"sid\">3-abc</code>")
                .contains("<a class=\"sibling\" href=\"http://localhost:8091\">")
                .contains("<a class=\"sibling\" href=\"http://localhost:8093\">")
                .contains("<a id=\"signout\" href=\"/logout\">Sign out</a>");
    }

    @Test
    void homeEscapesWhatComesFromTokensAndConfig() {
        String page = Pages.home("<b>", "<script>x</script>", null, List.of("javascript:\"x\""));

        assertThat(page).doesNotContain("<script>x").doesNotContain("<b>")
                .contains("&lt;script&gt;x&lt;/script&gt;")
                .contains("href=\"javascript:&quot;x&quot;\"")
                .contains("<code id=\"sid\"></code>");
    }

    @Test
    void homeWithoutSiblingsHasNoList() {
        assertThat(Pages.home("intranet", "demo", "s", List.of())).doesNotContain("id=\"siblings\"");
    }

    @Test
    void signedOutNamesTheApp() {
        assertThat(Pages.signedOut("dashboard"))
                .contains("Signed out of <span id=\"app-name\">dashboard</span>");
    }

    @Test
    void sessionProbeGetsItsConfigurationAsAJsonLiteral() {
        String page = Pages.sessionProbe("var config = " + Pages.SESSION_PROBE_CONFIG_PLACEHOLDER + ";",
                "wiki", "wiki", "http://localhost:8080/session/check");

        assertThat(page).isEqualTo("var config = {\"name\":\"wiki\",\"clientId\":\"wiki\","
                + "\"checkSessionIframe\":\"http://localhost:8080/session/check\"};");
    }

    @Test
    void sessionProbeTemplateHasThePlaceholderAndTheStatusElement() throws Exception {
        try (var in = PagesTest.class.getResourceAsStream("/demo-rp/session-probe.html")) {
            String template = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(template)
                    .contains("var config = " + Pages.SESSION_PROBE_CONFIG_PLACEHOLDER + ";")
                    .contains("<span id=\"session-status\"></span>")
                    .contains("postMessage(clientId + ' ' + sessionState, opOrigin)")
                    .contains("e.origin !== opOrigin");
        }
    }
}
