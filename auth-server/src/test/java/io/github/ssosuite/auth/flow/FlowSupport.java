package io.github.ssosuite.auth.flow;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Token requests and ID token checks shared by the flow tests. */
public final class FlowSupport {

    public static final String DEMO_USER = "demo";
    public static final String DEMO_PASSWORD = "test-demo-password";
    public static final Map<String, String> SECRETS = Map.of("rp-one", "rp-one-secret", "rp-two", "rp-two-secret",
            "rp-consent", "rp-consent-secret");
    public static final Map<String, String> REDIRECTS = Map.of("rp-one", "https://rp-one.example/callback",
            "rp-two", "https://rp-two.example/callback", "rp-public", "http://localhost:9999/callback",
            "rp-consent", "https://rp-consent.example/callback");

    private FlowSupport() {
    }

    public static Map<String, String> request(String clientId, String... extra) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", clientId);
        params.put("redirect_uri", REDIRECTS.get(clientId));
        params.put("response_type", "code");
        params.put("scope", "openid");
        params.put("state", "st-" + UUID.randomUUID());
        params.put("nonce", "n-" + UUID.randomUUID());
        for (int i = 0; i + 1 < extra.length; i += 2) {
            params.put(extra[i], extra[i + 1]);
        }
        return params;
    }

    /** Redeems {@code code} for {@code clientId} (Basic, or form for rp-two). */
    public static Response redeem(String clientId, String code, String... extra) {
        var request = given().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "authorization_code").formParam("code", code)
                .formParam("redirect_uri", REDIRECTS.get(clientId));
        for (int i = 0; i + 1 < extra.length; i += 2) {
            request.formParam(extra[i], extra[i + 1]);
        }
        return authenticated(request, clientId).post("/token");
    }

    public static Response refresh(String clientId, String refreshToken) {
        return authenticated(given().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "refresh_token").formParam("refresh_token", refreshToken), clientId).post("/token");
    }

    private static io.restassured.specification.RequestSpecification authenticated(
            io.restassured.specification.RequestSpecification request, String clientId) {
        if (clientId.equals("rp-two")) {
            return request.formParam("client_id", clientId).formParam("client_secret", SECRETS.get(clientId));
        }
        if (!SECRETS.containsKey(clientId)) {
            return request.formParam("client_id", clientId);
        }
        return request.auth().preemptive().basic(clientId, SECRETS.get(clientId));
    }

    /** The ID token's claims, after checking its signature against the published JWKS (with Nimbus). */
    public static JWTClaimsSet verifiedClaims(String idToken) throws Exception {
        SignedJWT jwt = SignedJWT.parse(idToken);
        JWKSet jwks = JWKSet.parse(given().get("/jwks").asString());
        RSAKey key = (RSAKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).as("kid %s is published", jwt.getHeader().getKeyID()).isNotNull();
        assertThat(jwt.verify(new RSASSAVerifier(key))).as("signature").isTrue();
        return jwt.getJWTClaimsSet();
    }

    public static JsonPath tokens(Response response) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return response.jsonPath();
    }

    /** The issuer, as the server announces it. */
    public static String issuer() {
        return given().get("/.well-known/openid-configuration").jsonPath().getString("issuer");
    }

    /** Whether {@code browser} still has a live session at the OP: a silent authorization for rp-two gets a code. */
    public static boolean loggedIn(Browser browser) {
        Response silent = browser.authorize(request("rp-two", "prompt", "none"));
        return Browser.query(silent.header("Location")).containsKey("code");
    }

    /** An access token of the client_credentials grant for a service client. */
    public static String serviceToken(String client, String secret) {
        return given().auth().preemptive().basic(client, secret).formParam("grant_type", "client_credentials")
                .post("/token").then().statusCode(200).extract().path("access_token");
    }
}
