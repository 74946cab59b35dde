package io.github.ssosuite.auth.keys;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.github.ssosuite.auth.flow.Browser;
import io.github.ssosuite.testsupport.SessionServiceResource;
import io.github.ssosuite.testsupport.SuiteInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.github.ssosuite.auth.flow.FlowSupport.DEMO_PASSWORD;
import static io.github.ssosuite.auth.flow.FlowSupport.DEMO_USER;
import static io.github.ssosuite.auth.flow.FlowSupport.redeem;
import static io.github.ssosuite.auth.flow.FlowSupport.request;
import static io.github.ssosuite.auth.flow.FlowSupport.tokens;
import static io.github.ssosuite.auth.flow.FlowSupport.serviceToken;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key rotation on demand (issue 3), and ES256 end to end: a real RP library (Nimbus) validates an ES256 ID token
 * against the published JWKS. The test leaves an RS256 key signing, as the other tests expect.
 */
@QuarkusTest
@QuarkusTestResource(SuiteInfrastructureResource.class)
@QuarkusTestResource(SessionServiceResource.class)
class KeyAdminTest {


    private static String adminToken() {
        return serviceToken("key-admin", "key-admin-secret");
    }

    private static List<String> publishedKids() {
        return given().get("/jwks").jsonPath().getList("keys.kid");
    }

    private static JsonPath rotate(String mode, String alg) {
        return given().auth().oauth2(adminToken()).queryParam("mode", mode).queryParam("alg", alg)
                .post("/admin/keys/rotate").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void serviceTokensAreForTheAudiencesOfTheirScopes() throws Exception {
        assertThat(SignedJWT.parse(adminToken()).getJWTClaimsSet().getAudience()).containsExactly("auth-server");
        assertThat(SignedJWT.parse(serviceToken("session-admin", "session-admin-secret")).getJWTClaimsSet().getAudience())
                .containsExactly("session-service");
    }

    @Test
    void onlyATokenWithTheRotateScopeMayRotate() {
        given().post("/admin/keys/rotate").then().statusCode(401);
        given().auth().oauth2("not-a-token").post("/admin/keys/rotate").then().statusCode(401);
        given().auth().oauth2(serviceToken("session-admin", "session-admin-secret")).post("/admin/keys/rotate")
                .then().statusCode(403).header("WWW-Authenticate", org.hamcrest.Matchers.containsString("insufficient_scope"));
        given().auth().oauth2(adminToken()).queryParam("mode", "yolo").post("/admin/keys/rotate").then().statusCode(400);
        given().auth().oauth2(adminToken()).get("/admin/keys").then().statusCode(200)
                .body("[0].kid", org.hamcrest.Matchers.notNullValue())
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("private")));
    }

    @Test
    void aPlannedRotationPublishesTheSuccessorFirstAndACompromisedOneReplacesEveryKeyAtOnceInEs256() throws Exception {
        String signingBefore = SignedJWT.parse(adminToken()).getHeader().getKeyID();
        String planned = rotate("planned", null).getString("kid");
        assertThat(publishedKids()).contains(planned, signingBefore);
        assertThat(SignedJWT.parse(adminToken()).getHeader().getKeyID()).as("the old key signs until the successor's time")
                .isEqualTo(signingBefore);

        try {
            JsonPath es = rotate("compromised", "ES256");
            String esKid = es.getString("kid");
            assertThat(es.getString("alg")).isEqualTo("ES256");
            assertThat(publishedKids()).containsExactly(esKid);

            Browser browser = new Browser();
            Map<String, String> params = request("rp-one");
            String idToken = tokens(redeem("rp-one", browser.codeFlow(params, DEMO_USER, DEMO_PASSWORD).get("code")))
                    .getString("id_token");
            assertThat(SignedJWT.parse(idToken).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
            String issuer = given().get("/.well-known/openid-configuration").jsonPath().getString("issuer");
            assertThat(given().get("/.well-known/openid-configuration").jsonPath()
                    .getList("id_token_signing_alg_values_supported")).contains("ES256");
            JWKSet jwks = JWKSet.parse(given().get("/jwks").asString());
            var validator = new IDTokenValidator(new Issuer(issuer), new ClientID("rp-one"),
                    new JWSVerificationKeySelector<SecurityContext>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(jwks)), null);
            var claims = validator.validate(JWTParser.parse(idToken), new Nonce(params.get("nonce")));
            assertThat(claims.getStringClaim("sid")).isNotBlank();
        } finally {
            String back = rotate("compromised", "RS256").getString("kid");
            assertThat(publishedKids()).containsExactly(back);
        }
    }
}
