package io.github.ssosuite.auth.flow;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.Prompt;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.github.ssosuite.testsupport.SessionServiceResource;
import io.github.ssosuite.testsupport.SuiteInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static io.github.ssosuite.auth.flow.FlowSupport.DEMO_PASSWORD;
import static io.github.ssosuite.auth.flow.FlowSupport.DEMO_USER;
import static io.github.ssosuite.auth.flow.FlowSupport.REDIRECTS;
import static io.github.ssosuite.auth.flow.FlowSupport.SECRETS;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real RP library, the Nimbus OAuth 2.0 / OpenID Connect SDK, against the running OP: discovery, the code flow
 * with PKCE, ID token validation by the library's own validator (signature from the discovered jwks_uri, iss,
 * aud, nonce, expiry), then a silent prompt=none login of a second client in the same browser.
 */
@QuarkusTest
@QuarkusTestResource(SuiteInfrastructureResource.class)
@QuarkusTestResource(SessionServiceResource.class)
class OidcClientLibraryTest {

    @Test
    void theNimbusSdkCompletesDiscoveryTheCodeFlowWithPkceAndSilentSso() throws Exception {
        String issuerUrl = given().get("/.well-known/openid-configuration").jsonPath().getString("issuer");
        OIDCProviderMetadata op = OIDCProviderMetadata.resolve(new Issuer(issuerUrl));
        assertThat(op.getCodeChallengeMethods()).contains(CodeChallengeMethod.S256);

        Browser browser = new Browser();
        IDTokenClaimsSet first = login(op, browser, "rp-one", null);
        IDTokenClaimsSet second = login(op, browser, "rp-two", new Prompt(Prompt.Type.NONE));

        assertThat(second.getSubject()).isEqualTo(first.getSubject());
        assertThat(second.getStringClaim("sid")).isEqualTo(first.getStringClaim("sid"));
        assertThat(second.getAuthenticationTime()).isEqualTo(first.getAuthenticationTime());
    }

    private IDTokenClaimsSet login(OIDCProviderMetadata op, Browser browser, String client, Prompt prompt) throws Exception {
        ClientID clientId = new ClientID(client);
        URI callback = URI.create(REDIRECTS.get(client));
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        AuthenticationRequest.Builder builder = new AuthenticationRequest.Builder(new ResponseType("code"),
                new Scope("openid"), clientId, callback)
                .endpointURI(op.getAuthorizationEndpointURI()).state(state).nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256);
        if (prompt != null) {
            builder.prompt(prompt);
        }
        URI request = builder.build().toURI();

        // the browser part: follow the OP's pages as a user would
        Response response = browser.get(request.getRawPath() + "?" + request.getRawQuery());
        if (response.statusCode() == 303) {
            assertThat(prompt).as("prompt=none must not show a login page").isNull();
            response = browser.login(response, DEMO_USER, DEMO_PASSWORD);
        }
        assertThat(response.statusCode()).isEqualTo(302);

        var authResponse = AuthenticationResponseParser.parse(URI.create(response.header("Location")));
        assertThat(authResponse.indicatesSuccess()).as(authResponse.toString()).isTrue();
        AuthenticationSuccessResponse success = (AuthenticationSuccessResponse) authResponse;
        assertThat(success.getState()).isEqualTo(state);
        assertThat(success.getSessionState()).isNotNull();
        AuthorizationCode code = success.getAuthorizationCode();

        TokenRequest tokenRequest = new TokenRequest(op.getTokenEndpointURI(),
                new ClientSecretBasic(clientId, new Secret(SECRETS.get(client))),
                new AuthorizationCodeGrant(code, callback, verifier));
        if (client.equals("rp-two")) {
            // rp-two is registered for client_secret_post
            tokenRequest = new TokenRequest(op.getTokenEndpointURI(),
                    new com.nimbusds.oauth2.sdk.auth.ClientSecretPost(clientId, new Secret(SECRETS.get(client))),
                    new AuthorizationCodeGrant(code, callback, verifier));
        }
        var tokenResponse = OIDCTokenResponseParser.parse(tokenRequest.toHTTPRequest().send());
        if (!tokenResponse.indicatesSuccess()) {
            throw new AssertionError("token error: " + tokenResponse.toErrorResponse().getErrorObject());
        }
        OIDCTokenResponse tokens = (OIDCTokenResponse) tokenResponse.toSuccessResponse();

        IDTokenValidator validator = new IDTokenValidator(op.getIssuer(), clientId, JWSAlgorithm.RS256,
                op.getJWKSetURI().toURL());
        IDTokenClaimsSet claims = validator.validate(tokens.getOIDCTokens().getIDToken(), nonce);
        assertThat(claims.getStringClaim("sid")).isNotBlank();
        assertThat(claims.getAccessTokenHash()).isNotNull();
        return claims;
    }

}
