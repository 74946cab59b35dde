package io.github.ssosuite.auth.flow;

import com.nimbusds.jwt.JWTClaimsSet;
import io.github.ssosuite.auth.oidc.Pkce;
import io.github.ssosuite.auth.oidc.SessionState;
import io.github.ssosuite.testsupport.SessionServiceResource;
import io.github.ssosuite.testsupport.SuiteInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.github.ssosuite.auth.flow.FlowSupport.DEMO_PASSWORD;
import static io.github.ssosuite.auth.flow.FlowSupport.DEMO_USER;
import static io.github.ssosuite.auth.flow.FlowSupport.redeem;
import static io.github.ssosuite.auth.flow.FlowSupport.refresh;
import static io.github.ssosuite.auth.flow.FlowSupport.request;
import static io.github.ssosuite.auth.flow.FlowSupport.tokens;
import static io.github.ssosuite.auth.flow.FlowSupport.verifiedClaims;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization code flow against real PostgreSQL, Redis and the real session-service: login, SSO, prompt,
 * max_age, codes, refresh tokens and session claims, one test per checklist item of sections B, C and H.
 */
@QuarkusTest
@QuarkusTestResource(SuiteInfrastructureResource.class)
@QuarkusTestResource(SessionServiceResource.class)
class AuthorizationCodeFlowTest {

    @Test
    void aLoginGivesACodeAndTheCodeGivesSignedTokens() throws Exception {
        Browser browser = new Browser();
        Map<String, String> params = request("rp-one");
        Map<String, String> answer = browser.codeFlow(params, DEMO_USER, DEMO_PASSWORD);

        assertThat(answer).containsKeys("code", "session_state").containsEntry("state", params.get("state"));
        assertThat(browser.cookie("op_session")).isNotBlank();
        var tokens = tokens(redeem("rp-one", answer.get("code")));
        assertThat(tokens.getString("token_type")).isEqualTo("Bearer");
        JWTClaimsSet id = verifiedClaims(tokens.getString("id_token"));
        assertThat(id.getIssuer()).isEqualTo(given().get("/.well-known/openid-configuration").jsonPath().getString("issuer"));
        assertThat(id.getAudience()).containsExactly("rp-one");
        assertThat(id.getSubject()).isNotBlank();
        assertThat(id.getLongClaim("auth_time")).isNotNull();
        assertThat(id.getStringClaim("at_hash"))
                .isEqualTo(io.github.ssosuite.auth.token.IdTokenClaims.atHash(tokens.getString("access_token")));
        // the access token is an RFC 9068 JWT carrying the session
        var access = com.nimbusds.jwt.SignedJWT.parse(tokens.getString("access_token"));
        assertThat(access.getHeader().getType().getType()).isEqualTo("at+jwt");
        assertThat(access.getJWTClaimsSet().getStringClaim("sid")).isEqualTo(id.getStringClaim("sid"));
    }

    @Test
    void B1_promptNoneWithoutASessionRedirectsLoginRequiredWithTheStateAndNoCode() {
        String state = "s".repeat(128);
        Response response = new Browser().authorize(request("rp-one", "prompt", "none", "state", state));

        assertThat(response.statusCode()).isEqualTo(302);
        Map<String, String> answer = Browser.query(response.header("Location"));
        assertThat(response.header("Location")).startsWith("https://rp-one.example/callback?");
        assertThat(answer).containsEntry("error", "login_required").containsEntry("state", state).doesNotContainKey("code");
    }

    @Test
    void B2_C2_promptNoneWithASessionSucceedsSilentlyWithTheSameSubAuthTimeAndSid() throws Exception {
        Browser browser = new Browser();
        var first = verifiedClaims(tokens(redeem("rp-one", browser.codeFlow(request("rp-one"), DEMO_USER, DEMO_PASSWORD)
                .get("code"))).getString("id_token"));

        Response silent = browser.authorize(request("rp-two", "prompt", "none"));
        assertThat(silent.statusCode()).as("no UI").isEqualTo(302);
        var second = verifiedClaims(tokens(redeem("rp-two", Browser.query(silent.header("Location")).get("code")))
                .getString("id_token"));

        assertThat(second.getSubject()).isEqualTo(first.getSubject());
        assertThat(second.getLongClaim("auth_time")).isEqualTo(first.getLongClaim("auth_time"));
        assertThat(second.getStringClaim("sid")).isEqualTo(first.getStringClaim("sid"));
        assertThat(second.getAudience()).containsExactly("rp-two");
    }

    @Test
    void B4_promptLoginForcesALoginAndALaterAuthTimeInTheSameSession() throws Exception {
        Browser browser = new Browser();
        var first = verifiedClaims(tokens(redeem("rp-one", browser.codeFlow(request("rp-one"), DEMO_USER, DEMO_PASSWORD)
                .get("code"))).getString("id_token"));
        Thread.sleep(1100);

        Response again = browser.authorize(request("rp-one", "prompt", "login"));
        assertThat(again.statusCode()).as("the login form again").isEqualTo(303);
        Response answer = browser.login(again, DEMO_USER, DEMO_PASSWORD);
        var second = verifiedClaims(tokens(redeem("rp-one", Browser.query(answer.header("Location")).get("code")))
                .getString("id_token"));

        assertThat(second.getLongClaim("auth_time")).isGreaterThan(first.getLongClaim("auth_time"));
        assertThat(second.getStringClaim("sid")).isEqualTo(first.getStringClaim("sid"));
    }

    @Test
    void B5_anElapsedMaxAgeForcesALoginAndMaxAgeZeroActsAsPromptLogin() throws Exception {
        Browser browser = new Browser();
        browser.codeFlow(request("rp-one"), DEMO_USER, DEMO_PASSWORD);

        Response within = browser.authorize(request("rp-one", "max_age", "15000"));
        assertThat(within.statusCode()).as("within max_age: SSO").isEqualTo(302);
        var claims = verifiedClaims(tokens(redeem("rp-one", Browser.query(within.header("Location")).get("code")))
                .getString("id_token"));
        assertThat(claims.getLongClaim("auth_time")).as("auth_time is present with max_age").isNotNull();

        Thread.sleep(2100);
        assertThat(browser.authorize(request("rp-one", "max_age", "1")).statusCode()).as("elapsed: login").isEqualTo(303);
        assertThat(browser.authorize(request("rp-one", "max_age", "0")).statusCode()).isEqualTo(303);
        Map<String, String> none = Browser.query(browser.authorize(request("rp-one", "max_age", "1", "prompt", "none"))
                .header("Location"));
        assertThat(none).containsEntry("error", "login_required");
    }

    @Test
    void B6_promptNoneCombinedWithAnotherValueIsAnError() {
        Response response = new Browser().authorize(request("rp-one", "prompt", "none login"));
        assertThat(Browser.query(response.header("Location"))).containsEntry("error", "invalid_request")
                .doesNotContainKey("code");
    }

    @Test
    void B7_sessionStateIsOnSuccessAndErrorResponsesAndMatchesTheBrowserState() {
        Browser browser = new Browser();
        Map<String, String> ok = browser.codeFlow(request("rp-one"), DEMO_USER, DEMO_PASSWORD);
        String sessionState = ok.get("session_state");
        assertThat(sessionState).doesNotContain(" ").contains(".");
        String salt = sessionState.substring(sessionState.indexOf('.') + 1);
        // what the check_session_iframe recomputes from client_id, e.origin and the browser-state cookie
        assertThat(SessionState.of("rp-one", "https://rp-one.example", browser.cookie("op_browser_state"), salt))
                .isEqualTo(sessionState);
        Map<String, String> error = Browser.query(new Browser().authorize(request("rp-one", "prompt", "none"))
                .header("Location"));
        assertThat(error.get("session_state")).isNotBlank();
    }

    @Test
    void B9_acrValuesDoNotCauseAnErrorAndAmrIsAnArrayOfStrings() throws Exception {
        var claims = verifiedClaims(tokens(redeem("rp-one", new Browser().codeFlow(
                request("rp-one", "acr_values", "1 2"), DEMO_USER, DEMO_PASSWORD).get("code"))).getString("id_token"));
        assertThat(claims.getStringClaim("acr")).isEqualTo("1");
        assertThat(claims.getStringListClaim("amr")).containsExactly("pwd");
    }

    @Test
    void B10_theLoginPageIsProtectedAgainstCsrfAndFraming() {
        Browser browser = new Browser();
        Response toLogin = browser.authorize(request("rp-one"));
        Response page = browser.get(toLogin.header("Location").replaceFirst("^https?://[^/]+", ""));
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(page.asString()).contains("name=\"username\"", "name=\"password\"", "name=\"csrf\"");

        Response forged = browser.post("/login", Map.of("id", Browser.hidden(page.asString(), "id"), "csrf", "forged",
                "username", DEMO_USER, "password", DEMO_PASSWORD));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(browser.cookie("op_session")).isNull();
    }

    @Test
    void C1_C3_theIdTokenCarriesSidAndTheNonceUnchanged() throws Exception {
        Map<String, String> params = request("rp-one");
        var claims = verifiedClaims(tokens(redeem("rp-one", new Browser().codeFlow(params, DEMO_USER, DEMO_PASSWORD)
                .get("code"))).getString("id_token"));
        assertThat(claims.getStringClaim("nonce")).isEqualTo(params.get("nonce"));
        assertThat(claims.getStringClaim("sid")).matches("\\d+-[A-Za-z0-9_-]{22}");
    }

    @Test
    void C3_C4_H3_aRefreshedIdTokenKeepsIssSubAudAuthTimeAndSidWithoutNonce() throws Exception {
        var first = tokens(redeem("rp-one", new Browser().codeFlow(request("rp-one"), DEMO_USER, DEMO_PASSWORD).get("code")));
        var original = verifiedClaims(first.getString("id_token"));
        Thread.sleep(1100);

        var refreshed = tokens(refresh("rp-one", first.getString("refresh_token")));
        var again = verifiedClaims(refreshed.getString("id_token"));

        assertThat(again.getIssuer()).isEqualTo(original.getIssuer());
        assertThat(again.getSubject()).isEqualTo(original.getSubject());
        assertThat(again.getAudience()).isEqualTo(original.getAudience());
        assertThat(again.getLongClaim("auth_time")).isEqualTo(original.getLongClaim("auth_time"));
        assertThat(again.getStringClaim("sid")).isEqualTo(original.getStringClaim("sid"));
        assertThat(again.getClaim("nonce")).isNull();
        assertThat(again.getIssueTime()).isAfter(original.getIssueTime());
    }

    @Test
    void aCodeWorksOnceAndItsReplayRevokesTheTokensItGave() {
        String code = new Browser().codeFlow(request("rp-one"), DEMO_USER, DEMO_PASSWORD).get("code");
        var tokens = tokens(redeem("rp-one", code));

        Response replay = redeem("rp-one", code);
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(replay.jsonPath().getString("error")).isEqualTo("invalid_grant");
        assertThat(refresh("rp-one", tokens.getString("refresh_token")).jsonPath().getString("error"))
                .isEqualTo("invalid_grant");
    }

    @Test
    void aRotatedRefreshTokenPresentedAgainRevokesTheWholeFamily() {
        var tokens = tokens(redeem("rp-one", new Browser().codeFlow(request("rp-one"), DEMO_USER, DEMO_PASSWORD).get("code")));
        String first = tokens.getString("refresh_token");
        String second = tokens(refresh("rp-one", first)).getString("refresh_token");
        assertThat(second).isNotEqualTo(first);

        assertThat(refresh("rp-one", first).jsonPath().getString("error")).isEqualTo("invalid_grant");
        assertThat(refresh("rp-one", second).jsonPath().getString("error")).as("the family is revoked")
                .isEqualTo("invalid_grant");
    }

    @Test
    void H1_H2_logoutKillsRefreshTokensWithoutOfflineAccessButNotOfflineOnes() throws Exception {
        Browser browser = new Browser();
        var online = tokens(redeem("rp-one", browser.codeFlow(request("rp-one", "scope", "openid offline_access"),
                DEMO_USER, DEMO_PASSWORD).get("code")));
        // H2: offline_access without prompt=consent is not granted
        assertThat(online.getString("scope")).doesNotContain("offline_access");
        var offline = tokens(redeem("rp-one", browser.codeFlow(request("rp-one", "scope", "openid offline_access",
                "prompt", "consent"), DEMO_USER, DEMO_PASSWORD).get("code")));
        assertThat(offline.getString("scope")).contains("offline_access");

        // logout: the session ends in session-service, called with a service token from client_credentials
        String sid = com.nimbusds.jwt.JWTParser.parse(online.getString("id_token")).getJWTClaimsSet().getClaim("sid").toString();
        String serviceToken = given().auth().preemptive().basic("session-admin", "session-admin-secret")
                .formParam("grant_type", "client_credentials").post("/token").then().statusCode(200)
                .extract().path("access_token");
        given().auth().oauth2(serviceToken).delete(SessionServiceResource.sessionServiceUrl() + "/sessions/" + sid
                + "?reason=logout").then().statusCode(200);

        assertThat(refresh("rp-one", online.getString("refresh_token")).jsonPath().getString("error"))
                .isEqualTo("invalid_grant");
        assertThat(refresh("rp-one", offline.getString("refresh_token")).statusCode()).isEqualTo(200);
    }

    @Test
    void aConsentPageForClientsThatRequireItAndADenialIsAccessDenied() {
        Browser browser = new Browser();
        Response toLogin = browser.authorize(request("rp-consent"));
        Response toConsent = browser.login(toLogin, DEMO_USER, DEMO_PASSWORD);
        assertThat(toConsent.header("Location")).contains("/login/consent");
        Response denied = browser.consent(toConsent, "deny");
        assertThat(Browser.query(denied.header("Location"))).containsEntry("error", "access_denied");
        assertThat(Browser.query(browser.authorize(request("rp-consent", "prompt", "none")).header("Location")))
                .containsEntry("error", "consent_required");
    }

    @Test
    void aPublicClientUsesPkceAndAWrongVerifierIsRefused() {
        String verifier = "v".repeat(50);
        Map<String, String> answer = new Browser().codeFlow(request("rp-public", "code_challenge", Pkce.s256(verifier),
                "code_challenge_method", "S256"), DEMO_USER, DEMO_PASSWORD);
        assertThat(redeem("rp-public", answer.get("code"), "code_verifier", "w".repeat(50)).jsonPath()
                .getString("error")).isEqualTo("invalid_grant");

        Map<String, String> again = new Browser().codeFlow(request("rp-public", "code_challenge", Pkce.s256(verifier),
                "code_challenge_method", "S256"), DEMO_USER, DEMO_PASSWORD);
        assertThat(redeem("rp-public", again.get("code"), "code_verifier", verifier).statusCode()).isEqualTo(200);
    }

    @Test
    void clientCredentialsGivesAServiceTokenThatSessionServiceAccepts() {
        String token = given().auth().preemptive().basic("session-admin", "session-admin-secret")
                .formParam("grant_type", "client_credentials").formParam("scope", "sessions:read").post("/token")
                .then().statusCode(200).extract().path("access_token");
        given().auth().oauth2(token).get(SessionServiceResource.sessionServiceUrl() + "/users/nobody/sessions")
                .then().statusCode(200);
        // a scope the client does not have is refused
        given().auth().preemptive().basic("session-admin", "session-admin-secret")
                .formParam("grant_type", "client_credentials").formParam("scope", "sessions:write").post("/token")
                .then().statusCode(400);
    }

    @Test
    void wrongPasswordsAreRefusedWithoutSayingWhichPartWasWrongAndThenThrottled() {
        Browser browser = new Browser();
        String unknownUser = "nobody-" + System.nanoTime();
        Response toLogin = browser.authorize(request("rp-one"));
        Response wrongPassword = browser.login(toLogin, DEMO_USER + "-throttled", "wrong");
        Response unknown = browser.login(browser.authorize(request("rp-one")), unknownUser, "wrong");
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(wrongPassword.asString()).contains("Invalid username or password.");
        assertThat(unknown.asString()).contains("Invalid username or password.");
        for (int i = 0; i < 5; i++) {
            browser.login(browser.authorize(request("rp-one")), unknownUser, "wrong");
        }
        assertThat(browser.login(browser.authorize(request("rp-one")), unknownUser, "wrong").statusCode()).isEqualTo(429);
        List.of(wrongPassword, unknown).forEach(r -> assertThat(r.asString()).doesNotContain("does not exist"));
    }
}
