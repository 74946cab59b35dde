package io.github.ssosuite.auth.flow;

import io.github.ssosuite.testsupport.SessionServiceResource;
import io.github.ssosuite.testsupport.SuiteInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static io.github.ssosuite.auth.flow.FlowSupport.request;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A table of malformed and hostile requests: each gets a 4xx with an OAuth error (or the OP's error page), never
 * a 500 and never a redirect anywhere but the client's registered URI.
 */
@QuarkusTest
@QuarkusTestResource(SuiteInfrastructureResource.class)
@QuarkusTestResource(SessionServiceResource.class)
class HostileRequestsTest {

    static final String RAW_REDIRECT = "redirect_uri=https%3A%2F%2Frp-one.example%2Fcallback";
    static final String BASE = "/authorize?client_id=rp-one&" + RAW_REDIRECT + "&response_type=code&scope=openid&state=s1";

    /** name, query string, expected: "page" (error page, no redirect) or the OAuth error at the client. */
    static Stream<Arguments> authorizeRequests() {
        return Stream.of(
                Arguments.of("missing client_id", "/authorize?" + RAW_REDIRECT + "&response_type=code&scope=openid", "page"),
                Arguments.of("unknown client", "/authorize?client_id=nope&" + RAW_REDIRECT + "&response_type=code&scope=openid", "page"),
                Arguments.of("repeated client_id", BASE + "&client_id=rp-two", "page"),
                Arguments.of("missing redirect_uri", "/authorize?client_id=rp-one&response_type=code&scope=openid", "page"),
                Arguments.of("unregistered redirect_uri", "/authorize?client_id=rp-one&redirect_uri=https%3A%2F%2Fevil.example%2Fcb&response_type=code&scope=openid", "page"),
                Arguments.of("redirect_uri with extra path", "/authorize?client_id=rp-one&redirect_uri=https%3A%2F%2Frp-one.example%2Fcallback%2Fx&response_type=code&scope=openid", "page"),
                Arguments.of("redirect_uri with extra query", "/authorize?client_id=rp-one&redirect_uri=https%3A%2F%2Frp-one.example%2Fcallback%3Fx%3D1&response_type=code&scope=openid", "page"),
                Arguments.of("repeated redirect_uri", BASE + "&" + RAW_REDIRECT, "page"),
                Arguments.of("missing response_type", "/authorize?client_id=rp-one&" + RAW_REDIRECT + "&scope=openid&state=s1", "invalid_request"),
                Arguments.of("implicit response_type", BASE.replace("response_type=code", "response_type=token"), "unsupported_response_type"),
                Arguments.of("no openid scope", BASE.replace("scope=openid", "scope=profile"), "invalid_scope"),
                Arguments.of("repeated state", BASE + "&state=s2", "invalid_request"),
                Arguments.of("unknown prompt", BASE + "&prompt=dance", "invalid_request"),
                Arguments.of("negative max_age", BASE + "&max_age=-5", "invalid_request"),
                Arguments.of("max_age not a number", BASE + "&max_age=soon", "invalid_request"),
                Arguments.of("plain PKCE", BASE + "&code_challenge=" + "a".repeat(43) + "&code_challenge_method=plain", "invalid_request"),
                Arguments.of("malformed PKCE challenge", BASE + "&code_challenge=short&code_challenge_method=S256", "invalid_request"),
                Arguments.of("request object", BASE + "&request=eyJhbGciOiJub25lIn0.e30.", "request_not_supported"),
                Arguments.of("fragment response_mode", BASE + "&response_mode=fragment", "invalid_request"),
                Arguments.of("public client without PKCE", "/authorize?client_id=rp-public&redirect_uri=http%3A%2F%2Flocalhost%3A9999%2Fcallback&response_type=code&scope=openid&state=s1", "invalid_request"));
    }

    @ParameterizedTest(name = "authorize: {0}")
    @MethodSource("authorizeRequests")
    void authorizeRefusesWithoutA500AndOnlyRedirectsToTheRegisteredUri(String name, String url, String expected) {
        Response response = given().urlEncodingEnabled(false).redirects().follow(false).get(url);
        if (expected.equals("page")) {
            assertThat(response.statusCode()).as(name).isEqualTo(400);
            assertThat(response.header("Location")).as(name + ": no redirect").isNull();
            assertThat(response.contentType()).startsWith("text/html");
        } else {
            assertThat(response.statusCode()).as(name).isEqualTo(302);
            String location = response.header("Location");
            assertThat(location).as(name).startsWith(url.contains("rp-public") ? "http://localhost:9999/callback?"
                    : "https://rp-one.example/callback?");
            Map<String, String> answer = Browser.query(location);
            assertThat(answer).as(name).containsEntry("error", expected).doesNotContainKey("code");
            if (!name.equals("repeated state")) {
                assertThat(answer).as(name).containsEntry("state", "s1");
            }
        }
    }

    /** name, form, Basic credentials (or null), expected status, expected error. */
    static Stream<Arguments> tokenRequests() {
        return Stream.of(
                Arguments.of("no client authentication", Map.of("grant_type", "authorization_code", "code", "x",
                        "redirect_uri", "https://rp-one.example/callback"), null, 401, "invalid_client"),
                Arguments.of("unknown client", Map.of("grant_type", "client_credentials"), "nobody:secret", 401, "invalid_client"),
                Arguments.of("wrong secret", Map.of("grant_type", "client_credentials"), "session-admin:wrong", 401, "invalid_client"),
                Arguments.of("secret in two places", Map.of("grant_type", "client_credentials", "client_secret", "x"),
                        "session-admin:session-admin-secret", 400, "invalid_request"),
                Arguments.of("post method for a basic client", Map.of("grant_type", "authorization_code", "code", "x",
                        "redirect_uri", "https://rp-one.example/callback", "client_id", "rp-one", "client_secret", "rp-one-secret"),
                        null, 401, "invalid_client"),
                Arguments.of("missing grant_type", Map.of("code", "x"), "rp-one:rp-one-secret", 400, "invalid_request"),
                Arguments.of("password grant", Map.of("grant_type", "password", "username", "demo", "password", "x"),
                        "rp-one:rp-one-secret", 400, "unsupported_grant_type"),
                Arguments.of("grant the client lacks", Map.of("grant_type", "client_credentials"), "rp-one:rp-one-secret",
                        400, "unauthorized_client"),
                Arguments.of("unknown code", Map.of("grant_type", "authorization_code", "code", "forged",
                        "redirect_uri", "https://rp-one.example/callback"), "rp-one:rp-one-secret", 400, "invalid_grant"),
                Arguments.of("code without redirect_uri", Map.of("grant_type", "authorization_code", "code", "forged"),
                        "rp-one:rp-one-secret", 400, "invalid_request"),
                Arguments.of("unknown refresh token", Map.of("grant_type", "refresh_token", "refresh_token", "forged"),
                        "rp-one:rp-one-secret", 400, "invalid_grant"),
                Arguments.of("malformed Basic header", Map.of("grant_type", "client_credentials"), "!!!", 401, "invalid_client"));
    }

    @ParameterizedTest(name = "token: {0}")
    @MethodSource("tokenRequests")
    void tokenRefusesWithAnOAuthError(String name, Map<String, String> form, String basic, int status, String error) {
        var request = given().contentType("application/x-www-form-urlencoded").formParams(form);
        if (basic != null) {
            request.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(basic.getBytes()));
        }
        Response response = request.post("/token");
        assertThat(response.statusCode()).as(name).isEqualTo(status);
        assertThat(response.jsonPath().getString("error")).as(name).isEqualTo(error);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    }

    @org.junit.jupiter.api.Test
    void repeatedParametersAndTheWrongContentTypeAtTheTokenEndpoint() {
        Response repeated = given().auth().preemptive().basic("session-admin", "session-admin-secret")
                .contentType("application/x-www-form-urlencoded").body("grant_type=client_credentials&grant_type=client_credentials")
                .post("/token");
        assertThat(repeated.statusCode()).isEqualTo(400);
        assertThat(repeated.jsonPath().getString("error")).isEqualTo("invalid_request");

        Response json = given().auth().preemptive().basic("session-admin", "session-admin-secret")
                .contentType("application/json").body("{\"grant_type\":\"client_credentials\"}").post("/token");
        assertThat(json.statusCode()).isEqualTo(415);
        assertThat(json.jsonPath().getString("error")).isEqualTo("invalid_request");
    }

    @org.junit.jupiter.api.Test
    void oversizedValuesAreRefused() {
        // in a URL, the HTTP layer refuses the line before the endpoint sees it
        Response get = given().urlEncodingEnabled(false).redirects().follow(false).get(BASE + "&nonce=" + "n".repeat(9000));
        assertThat(get.statusCode()).isEqualTo(414);
        // in a form, the endpoint refuses the value, at the registered redirect URI
        Response post = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParams(request("rp-one", "nonce", "n".repeat(5000))).post("/authorize");
        assertThat(post.statusCode()).isEqualTo(302);
        assertThat(Browser.query(post.header("Location"))).containsEntry("error", "invalid_request");
    }

    @org.junit.jupiter.api.Test
    void aPostedAuthorizationRequestIsReadLikeAGetOne() {
        Response response = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParams(request("rp-one", "prompt", "none")).post("/authorize");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(Browser.query(response.header("Location"))).containsEntry("error", "login_required");
    }
}
