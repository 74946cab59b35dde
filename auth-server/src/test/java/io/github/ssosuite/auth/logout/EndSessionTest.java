package io.github.ssosuite.auth.logout;

import io.github.ssosuite.auth.flow.Browser;
import io.github.ssosuite.auth.flow.FlowSupport;
import io.github.ssosuite.auth.token.TokenSigner;
import io.github.ssosuite.testsupport.SessionServiceResource;
import io.github.ssosuite.testsupport.SuiteInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import static io.github.ssosuite.auth.flow.FlowSupport.DEMO_PASSWORD;
import static io.github.ssosuite.auth.flow.FlowSupport.DEMO_USER;
import static io.github.ssosuite.auth.flow.FlowSupport.redeem;
import static io.github.ssosuite.auth.flow.FlowSupport.request;
import static io.github.ssosuite.auth.flow.FlowSupport.tokens;
import static io.github.ssosuite.auth.flow.FlowSupport.issuer;
import static io.github.ssosuite.auth.flow.FlowSupport.loggedIn;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end-session endpoint (checklist D, E, H1; gaps 4 and 6) against the real session-service on real Redis and
 * PostgreSQL. One test per checklist item; D11 (RPs told before the redirect) is proven end to end with the
 * dispatcher in e2e-tests.
 */
@QuarkusTest
@QuarkusTestResource(SuiteInfrastructureResource.class)
@QuarkusTestResource(SessionServiceResource.class)
class EndSessionTest {


    @Inject
    TokenSigner signer;

    private static JsonPath login(Browser browser, String clientId, String... extra) {
        return tokens(redeem(clientId, browser.codeFlow(request(clientId, extra), DEMO_USER, DEMO_PASSWORD).get("code")));
    }

    private static String claim(String jwt, String name) {
        return JsonPath.from(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]))).getString(name);
    }


    private static String logoutUrl(String... params) {
        StringBuilder url = new StringBuilder("/logout");
        for (int i = 0; i + 1 < params.length; i += 2) {
            url.append(i == 0 ? '?' : '&').append(params[i]).append('=')
                    .append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return url.toString();
    }

    @Test
    void D1_theEndpointTakesGetAndPost() {
        Browser viaGet = new Browser();
        String hint = login(viaGet, "rp-one").getString("id_token");
        assertThat(viaGet.get(logoutUrl("id_token_hint", hint)).statusCode()).isEqualTo(200);
        assertThat(loggedIn(viaGet)).isFalse();

        Browser viaPost = new Browser();
        String hint2 = login(viaPost, "rp-one").getString("id_token");
        Response posted = viaPost.post("/logout", Map.of("id_token_hint", hint2,
                "post_logout_redirect_uri", "https://rp-one.example/bye"));
        assertThat(posted.statusCode()).isEqualTo(200); // rp-one has a front channel: the iframe page, then the redirect
        assertThat(posted.asString()).contains("data-redirect=\"https://rp-one.example/bye\"");
        assertThat(loggedIn(viaPost)).isFalse();
    }

    @Test
    void D2_logoutHintAndUnsupportedUiLocalesCauseNoError() {
        Browser browser = new Browser();
        String hint = login(browser, "rp-two").getString("id_token");
        Response response = browser.get(logoutUrl("id_token_hint", hint, "logout_hint", "demo",
                "ui_locales", "tlh-Piqd x-klingon", "post_logout_redirect_uri", "https://rp-two.example/signed-out"));
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.header("Location")).isEqualTo("https://rp-two.example/signed-out");
    }

    @Test
    void D3_aHintWithAlgNoneOrSignedWithTheClientSecretIsRefusedWithoutRedirect() throws Exception {
        Browser browser = new Browser();
        String hint = login(browser, "rp-one").getString("id_token");
        String[] parts = hint.split("\\.");
        String algNone = b64("{\"alg\":\"none\"}") + "." + parts[1] + ".";
        String hmacHeader = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String hmacPayload = b64("{\"iss\":\"rp-one\",\"aud\":\"" + issuer() + "\",\"sub\":\"" + claim(hint, "sub") + "\"}");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("rp-one-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String hmac = hmacHeader + "." + hmacPayload + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal((hmacHeader + "." + hmacPayload).getBytes(StandardCharsets.US_ASCII)));
        String foreign = signer.sign(Map.of("iss", "https://evil.example", "sub", claim(hint, "sub"), "aud", "rp-one",
                "sid", claim(hint, "sid")), "JWT");
        for (String bad : new String[] {algNone, hmac, foreign, "garbage"}) {
            Response response = browser.get(logoutUrl("id_token_hint", bad,
                    "post_logout_redirect_uri", "https://rp-one.example/bye"));
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(response.header("Location")).isNull();
            assertThat(response.asString()).contains("id_token_hint was not issued by this server");
        }
        assertThat(loggedIn(browser)).as("nothing was logged out").isTrue();
    }

    @Test
    void D4_anExpiredHintForTheCurrentSessionIsAccepted() {
        Browser browser = new Browser();
        String hint = login(browser, "rp-two").getString("id_token");
        String expired = signer.sign(Map.of("iss", issuer(), "sub", claim(hint, "sub"), "aud", "rp-two",
                "sid", claim(hint, "sid"), "iat", Instant.now().minusSeconds(7200).getEpochSecond(),
                "exp", Instant.now().minusSeconds(3600).getEpochSecond()), "JWT");
        Response response = browser.get(logoutUrl("id_token_hint", expired,
                "post_logout_redirect_uri", "https://rp-two.example/signed-out"));
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(loggedIn(browser)).isFalse();
    }

    @Test
    void D5_aClientIdThatIsNotTheHintsAudienceIsRefused() {
        Browser browser = new Browser();
        String hint = login(browser, "rp-one").getString("id_token");
        Response response = browser.get(logoutUrl("id_token_hint", hint, "client_id", "rp-two",
                "post_logout_redirect_uri", "https://rp-two.example/signed-out"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.asString()).contains("client_id does not match the id_token_hint");
        assertThat(loggedIn(browser)).isTrue();
    }

    @Test
    void D6_withoutAHintOrWithAnotherSessionsHintTheUserConfirmsFirst() {
        Browser browser = new Browser();
        login(browser, "rp-one");
        Response noHint = browser.get(logoutUrl("client_id", "rp-one"));
        assertThat(noHint.statusCode()).isEqualTo(200);
        assertThat(noHint.asString()).contains("Sign out?").contains("action=\"/logout/confirm\"");
        assertThat(loggedIn(browser)).as("asking changes nothing").isTrue();

        // a valid hint of another browser's session (P12): confirm, and never end that other session
        Browser other = new Browser();
        String otherHint = login(other, "rp-one").getString("id_token");
        Response foreignSession = browser.get(logoutUrl("id_token_hint", otherHint));
        assertThat(foreignSession.asString()).contains("Sign out?");
        Response yes = browser.post("/logout/confirm", Map.of("csrf", Browser.hidden(foreignSession.asString(), "csrf"),
                "decision", "logout", "client_id", "", "post_logout_redirect_uri", "", "state", ""));
        assertThat(yes.statusCode()).isEqualTo(200);
        assertThat(yes.asString()).contains("You are signed out");
        assertThat(loggedIn(browser)).as("a yes logs out").isFalse();
        assertThat(loggedIn(other)).as("the hint's own session is untouched").isTrue();
    }

    @Test
    void D7_aPostLogoutRedirectUriMustMatchExactly() {
        Browser browser = new Browser();
        String hint = login(browser, "rp-one").getString("id_token");
        for (String uri : new String[] {"https://evil.example/bye", "https://rp-one.example/bye?foo=bar",
                "https://rp-one.example/bye/", "https://rp-one.example/BYE", "https://rp-one.example/by"}) {
            Response response = browser.get(logoutUrl("id_token_hint", hint, "post_logout_redirect_uri", uri));
            assertThat(response.statusCode()).as(uri).isEqualTo(400);
            assertThat(response.header("Location")).isNull();
            assertThat(response.asString()).doesNotContain("data-redirect=\"https://evil");
        }
        assertThat(loggedIn(browser)).as("a refused request logs nobody out").isTrue();
    }

    @Test
    void D8_aPostLogoutRedirectUriWithoutHintIsFollowedOnlyForANamedClientAfterConfirmation() {
        Browser browser = new Browser();
        login(browser, "rp-two");
        Response anonymous = browser.get(logoutUrl("post_logout_redirect_uri", "https://rp-two.example/signed-out"));
        assertThat(anonymous.statusCode()).isEqualTo(400);
        assertThat(anonymous.header("Location")).isNull();

        Response named = browser.get(logoutUrl("client_id", "rp-two",
                "post_logout_redirect_uri", "https://rp-two.example/signed-out", "state", "s1"));
        assertThat(named.statusCode()).isEqualTo(200);
        assertThat(named.asString()).contains("Sign out?");
        Response yes = browser.post("/logout/confirm", Map.of("csrf", Browser.hidden(named.asString(), "csrf"),
                "decision", "logout", "client_id", Browser.hidden(named.asString(), "client_id"),
                "post_logout_redirect_uri", Browser.hidden(named.asString(), "post_logout_redirect_uri"),
                "state", Browser.hidden(named.asString(), "state")));
        assertThat(yes.statusCode()).isEqualTo(303);
        assertThat(yes.header("Location")).isEqualTo("https://rp-two.example/signed-out?state=s1");

        // the hidden fields are the user's to edit: the confirmation checks the URI again
        login(browser, "rp-two");
        Response again = browser.get(logoutUrl("client_id", "rp-two"));
        Response tampered = browser.post("/logout/confirm", Map.of("csrf", Browser.hidden(again.asString(), "csrf"),
                "decision", "logout", "client_id", "rp-two", "post_logout_redirect_uri", "https://evil.example/",
                "state", ""));
        assertThat(tampered.statusCode()).isEqualTo(400);
        assertThat(loggedIn(browser)).isTrue();
    }

    @Test
    void D9_noParametersStillLogsOutAndShowsTheOpsPageAndNotBeingLoggedInIsNoError() {
        Browser browser = new Browser();
        String hint = login(browser, "rp-two").getString("id_token");
        Response onlyHint = browser.get(logoutUrl("id_token_hint", hint, "state", "only-state"));
        assertThat(onlyHint.statusCode()).isEqualTo(200);
        assertThat(onlyHint.header("Location")).isNull();
        assertThat(onlyHint.asString()).contains("You are signed out");
        assertThat(loggedIn(browser)).isFalse();

        Response again = browser.get("/logout");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.asString()).contains("You are signed out");
        Response stranger = new Browser().get(logoutUrl("id_token_hint", hint,
                "post_logout_redirect_uri", "https://rp-two.example/signed-out"));
        assertThat(stranger.statusCode()).isEqualTo(303);
    }

    @Test
    void D10_stateComesBackByteForByteAndNothingElseIsAdded() {
        String state = "a!\"#$%&'()*,-./:<=>?@[\\]^_`{|}~Z0";
        Browser browser = new Browser();
        String hint = login(browser, "rp-two").getString("id_token");
        Response response = browser.get(logoutUrl("id_token_hint", hint,
                "post_logout_redirect_uri", "https://rp-two.example/signed-out", "state", state));
        assertThat(response.statusCode()).isEqualTo(303);
        Map<String, String> query = Browser.query(response.header("Location"));
        assertThat(query).containsOnlyKeys("state").containsEntry("state", state);

        Browser noState = new Browser();
        String hint2 = login(noState, "rp-two").getString("id_token");
        Response without = noState.get(logoutUrl("id_token_hint", hint2,
                "post_logout_redirect_uri", "https://rp-two.example/signed-out"));
        assertThat(without.header("Location")).isEqualTo("https://rp-two.example/signed-out");

        // a registered URI with its own query keeps it
        Browser withQuery = new Browser();
        Response kept = withQuery.get(logoutUrl("id_token_hint", login(withQuery, "rp-one").getString("id_token"),
                "post_logout_redirect_uri", "https://rp-one.example/bye?lang=en", "state", "x y"));
        assertThat(kept.asString()).contains("data-redirect=\"https://rp-one.example/bye?lang=en&amp;state=x%20y\"");
    }

    @Test
    void D12_afterLogoutTheOpSessionIsGone() {
        Browser browser = new Browser();
        String hint = login(browser, "rp-two").getString("id_token");
        String stateBefore = browser.cookie("op_browser_state");
        browser.get(logoutUrl("id_token_hint", hint));
        Response silent = browser.authorize(request("rp-one", "prompt", "none"));
        assertThat(Browser.query(silent.header("Location"))).containsEntry("error", "login_required");
        assertThat(browser.cookie("op_session")).isNull();
        // G4: the browser state changed, and is still readable (a missing cookie would mean "blocked", P18)
        assertThat(browser.cookie("op_browser_state")).isNotNull().isNotEqualTo(stateBefore);
    }

    @Test
    void D13_theConfirmationCannotBeForgedByAGetOrWithoutItsCsrfToken() {
        Browser browser = new Browser();
        login(browser, "rp-one");
        browser.get(logoutUrl("client_id", "rp-one"));
        assertThat(browser.get("/logout/confirm?decision=logout").statusCode()).isEqualTo(405);
        assertThat(browser.get("/logout?confirmed=true&decision=logout").asString()).contains("Sign out?");
        Response noToken = browser.post("/logout/confirm", Map.of("decision", "logout"));
        assertThat(noToken.statusCode()).isEqualTo(403);
        Response wrongToken = browser.post("/logout/confirm", Map.of("decision", "logout", "csrf", "x".repeat(43)));
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        assertThat(loggedIn(browser)).isTrue();
    }

    @Test
    void E1_E2_theLoggedOutPageLoadsEachFrontChannelWithIssAndSidAndTheRegisteredQuery() {
        Browser browser = new Browser();
        String hint = login(browser, "rp-one").getString("id_token");
        login(browser, "rp-two"); // no front channel: no iframe for it
        Response page = browser.get(logoutUrl("id_token_hint", hint, "post_logout_redirect_uri", "https://rp-one.example/bye"));
        assertThat(page.statusCode()).isEqualTo(200);
        String expected = "https://rp-one.example/fc-logout?x=1&amp;iss=" + URLEncoder.encode(issuer(), StandardCharsets.UTF_8)
                + "&amp;sid=" + claim(hint, "sid");
        assertThat(page.asString()).contains("data-src=\"" + expected + "\"");
        assertThat(page.asString().split("data-src=").length - 1).isEqualTo(1);
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void H1_anRpInitiatedLogoutKillsSessionRefreshTokensButNotOfflineOnes() {
        Browser browser = new Browser();
        JsonPath online = login(browser, "rp-one");
        JsonPath offline = tokens(redeem("rp-two", browser.codeFlow(request("rp-two", "scope", "openid offline_access",
                "prompt", "consent"), DEMO_USER, DEMO_PASSWORD).get("code")));
        browser.get(logoutUrl("id_token_hint", online.getString("id_token")));

        assertThat(FlowSupport.refresh("rp-one", online.getString("refresh_token")).jsonPath().getString("error"))
                .isEqualTo("invalid_grant");
        assertThat(FlowSupport.refresh("rp-two", offline.getString("refresh_token")).statusCode()).isEqualTo(200);
        Response introspected = given().auth().preemptive().basic("rp-one", "rp-one-secret")
                .formParam("token", online.getString("access_token")).post("/introspect");
        assertThat(introspected.jsonPath().getBoolean("active")).isFalse();
    }

    @Test
    void A1_A5_discoveryAnnouncesTheLogoutEndpointsAndCapabilitiesAsBooleans() {
        JsonPath metadata = given().get("/.well-known/openid-configuration").then().statusCode(200)
                .contentType("application/json").extract().jsonPath();
        assertThat(metadata.getString("end_session_endpoint")).isEqualTo(issuer() + "/logout");
        assertThat(metadata.getString("check_session_iframe")).isEqualTo(issuer() + "/session/check");
        Map<String, Object> raw = metadata.getMap("");
        for (String flag : new String[] {"backchannel_logout_supported", "backchannel_logout_session_supported",
                "frontchannel_logout_supported", "frontchannel_logout_session_supported"}) {
            assertThat(raw.get(flag)).as(flag).isEqualTo(Boolean.TRUE);
        }
    }

    @Test
    void G1_theCheckSessionIframeAnswersOnlyTheClientsOwnOrigins() {
        Response page = given().get("/session/check");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.header("X-Frame-Options")).as("RPs frame it").isNull();
        assertThat(page.asString()).contains("addEventListener('message'").contains("e.origin");
        given().queryParam("client_id", "rp-one").queryParam("origin", "https://rp-one.example")
                .get("/session/check/origin").then().statusCode(204);
        given().queryParam("client_id", "rp-public").queryParam("origin", "http://localhost:9999")
                .get("/session/check/origin").then().statusCode(204);
        for (String origin : new String[] {"https://rp-one.example:443", "https://rp-one.example.evil.example",
                "http://rp-one.example", "https://rp-two.example"}) {
            given().queryParam("client_id", "rp-one").queryParam("origin", origin)
                    .get("/session/check/origin").then().statusCode(404);
        }
    }


    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
