package io.github.ssosuite.auth.flow;

import io.github.ssosuite.auth.token.TokenSigner;
import io.github.ssosuite.testsupport.SessionServiceResource;
import io.github.ssosuite.testsupport.SuiteInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.github.ssosuite.auth.flow.FlowSupport.DEMO_PASSWORD;
import static io.github.ssosuite.auth.flow.FlowSupport.DEMO_USER;
import static io.github.ssosuite.auth.flow.FlowSupport.redeem;
import static io.github.ssosuite.auth.flow.FlowSupport.request;
import static io.github.ssosuite.auth.flow.FlowSupport.tokens;
import static io.github.ssosuite.auth.flow.FlowSupport.issuer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Using the tokens: id_token_hint (B3), userinfo, introspection and revocation, and what happens to them when the
 * session ends (H4), against the real session-service.
 */
@QuarkusTest
@QuarkusTestResource(SuiteInfrastructureResource.class)
@QuarkusTestResource(SessionServiceResource.class)
class TokenUseTest {

    @Inject
    TokenSigner signer;

    private JsonPath login(Browser browser, String... extra) {
        return tokens(redeem("rp-one", browser.codeFlow(request("rp-one", extra), DEMO_USER, DEMO_PASSWORD).get("code")));
    }

    private static Response introspect(String token) {
        return given().auth().preemptive().basic("rp-one", "rp-one-secret").formParam("token", token).post("/introspect");
    }

    private static void endSession(String sid) {
        String serviceToken = FlowSupport.serviceToken("session-admin", "session-admin-secret");
        given().auth().oauth2(serviceToken).delete(SessionServiceResource.sessionServiceUrl() + "/sessions/" + sid)
                .then().statusCode(200);
    }

    private static String claim(String jwt, String name) {
        return JsonPath.from(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]))).getString(name);
    }

    @Test
    void B3_promptNoneWithAHintForTheLoggedInUserSucceedsAndAnotherUsersHintGivesLoginRequired() {
        Browser browser = new Browser();
        String idToken = login(browser, "scope", "openid profile").getString("id_token");

        Response same = browser.authorize(request("rp-two", "prompt", "none", "id_token_hint", idToken));
        assertThat(Browser.query(same.header("Location"))).containsKey("code");

        String otherUser = signer.sign(Map.of("iss", issuer(), "sub", "someone-else", "aud", "rp-one",
                "iat", Instant.now().getEpochSecond(), "exp", Instant.now().plusSeconds(300).getEpochSecond()), "JWT");
        Response other = browser.authorize(request("rp-two", "prompt", "none", "id_token_hint", otherUser));
        assertThat(Browser.query(other.header("Location"))).containsEntry("error", "login_required")
                .doesNotContainKey("code");
    }

    @Test
    void B3_anExpiredHintIsStillAHintButAForgedOrAlgNoneOneIsRefused() {
        Browser browser = new Browser();
        String sub = claim(login(browser).getString("id_token"), "sub");
        String expired = signer.sign(Map.of("iss", issuer(), "sub", sub, "aud", "rp-one",
                "iat", Instant.now().minusSeconds(7200).getEpochSecond(),
                "exp", Instant.now().minusSeconds(3600).getEpochSecond()), "JWT");
        assertThat(Browser.query(browser.authorize(request("rp-one", "prompt", "none", "id_token_hint", expired))
                .header("Location"))).containsKey("code");

        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"iss\":\"" + issuer() + "\",\"sub\":\"" + sub + "\"}").getBytes());
        String algNone = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
                + "." + payload + ".";
        String foreign = signer.sign(Map.of("iss", "https://evil.example", "sub", sub), "JWT");
        for (String hint : new String[] {algNone, foreign, "garbage"}) {
            assertThat(Browser.query(browser.authorize(request("rp-one", "prompt", "none", "id_token_hint", hint))
                    .header("Location"))).containsEntry("error", "invalid_request").doesNotContainKey("code");
        }
    }

    @Test
    void B8_afterTheSessionEndsPromptNoneFailsInTheSameBrowser() {
        Browser browser = new Browser();
        String accessToken = login(browser).getString("access_token");
        endSession(claim(accessToken, "sid"));

        Response silent = browser.authorize(request("rp-two", "prompt", "none"));
        assertThat(Browser.query(silent.header("Location"))).containsEntry("error", "login_required")
                .doesNotContainKey("code");
    }

    @Test
    void H1_offlineGrantsSurviveALogoutButNotARevokeEverything() {
        Browser browser = new Browser();
        JsonPath offline = tokens(redeem("rp-one", browser.codeFlow(request("rp-one", "scope", "openid offline_access",
                "prompt", "consent"), DEMO_USER, DEMO_PASSWORD).get("code")));
        String sub = claim(offline.getString("id_token"), "sub");
        endSession(claim(offline.getString("id_token"), "sid"));
        // a plain logout: the offline grant lives on
        String rotated = FlowSupport.tokens(FlowSupport.refresh("rp-one", offline.getString("refresh_token")))
                .getString("refresh_token");

        // a password reset over the REST API ends everything of the user; its event reaches auth-server via Kafka
        String serviceToken = FlowSupport.serviceToken("session-admin", "session-admin-secret");
        login(browser); // a live session, so the revocation has one to end
        given().auth().oauth2(serviceToken).delete(SessionServiceResource.sessionServiceUrl() + "/users/" + sub
                + "/sessions?reason=password_reset").then().statusCode(200);

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(introspect(rotated).jsonPath().getBoolean("active")).isFalse());
        assertThat(FlowSupport.refresh("rp-one", rotated).jsonPath().getString("error")).isEqualTo("invalid_grant");
    }

    @Test
    void userinfoAnswersByScopeAndRefusesBadTokens() {
        String accessToken = login(new Browser(), "scope", "openid profile email").getString("access_token");

        given().auth().oauth2(accessToken).get("/userinfo").then().statusCode(200)
                .body("preferred_username", org.hamcrest.Matchers.equalTo(DEMO_USER))
                .body("email", org.hamcrest.Matchers.equalTo("demo@example.com"))
                .body("sub", org.hamcrest.Matchers.equalTo(claim(accessToken, "sub")));
        given().get("/userinfo").then().statusCode(401);
        given().auth().oauth2("forged.token.value").get("/userinfo").then().statusCode(401);
        String idToken = login(new Browser()).getString("id_token");
        given().auth().oauth2(idToken).get("/userinfo").then().statusCode(401);
    }

    @Test
    void H4_afterTheSessionEndsItsAccessTokenIsInactiveAndUserinfoRefusesIt() {
        JsonPath tokens = login(new Browser());
        String accessToken = tokens.getString("access_token");
        assertThat(introspect(accessToken).jsonPath().getBoolean("active")).isTrue();
        assertThat(introspect(accessToken).jsonPath().getString("sid")).isEqualTo(claim(accessToken, "sid"));
        assertThat(introspect(tokens.getString("refresh_token")).jsonPath().getBoolean("active")).isTrue();

        endSession(claim(accessToken, "sid"));

        assertThat(introspect(accessToken).jsonPath().getBoolean("active")).isFalse();
        assertThat(introspect(tokens.getString("refresh_token")).jsonPath().getBoolean("active")).isFalse();
        given().auth().oauth2(accessToken).get("/userinfo").then().statusCode(401);
    }

    @Test
    void revocationEndsARefreshTokensFamilyAndAnAccessTokenAndAlwaysAnswers200() {
        JsonPath tokens = login(new Browser());
        given().auth().preemptive().basic("rp-one", "rp-one-secret").formParam("token", tokens.getString("refresh_token"))
                .post("/revoke").then().statusCode(200);
        assertThat(FlowSupport.refresh("rp-one", tokens.getString("refresh_token")).jsonPath().getString("error"))
                .isEqualTo("invalid_grant");

        given().auth().preemptive().basic("rp-one", "rp-one-secret").formParam("token", tokens.getString("access_token"))
                .post("/revoke").then().statusCode(200);
        assertThat(introspect(tokens.getString("access_token")).jsonPath().getBoolean("active")).isFalse();

        given().auth().preemptive().basic("rp-one", "rp-one-secret").formParam("token", "unknown")
                .post("/revoke").then().statusCode(200);
        given().formParam("token", "x").post("/revoke").then().statusCode(401);
    }

    @Test
    void discoveryListsTheEndpointsThatExist() {
        JsonPath metadata = given().get("/.well-known/openid-configuration").then().statusCode(200).extract().jsonPath();
        Map<String, String> endpoints = new LinkedHashMap<>();
        for (String name : new String[] {"authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri",
                "registration_endpoint", "introspection_endpoint", "revocation_endpoint"}) {
            endpoints.put(name, metadata.getString(name));
        }
        endpoints.forEach((name, url) -> {
            assertThat(url).as(name).startsWith(issuer());
            // every advertised endpoint exists (405/400/401 for a bare GET, never 404)
            assertThat(given().redirects().follow(false).get(url.substring(issuer().length())).statusCode())
                    .as(name).isNotEqualTo(404);
        });
        assertThat(metadata.getList("id_token_signing_alg_values_supported")).containsExactly("RS256");
    }

}
