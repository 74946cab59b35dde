package io.github.ssosuite.auth.client;

import io.github.ssosuite.testsupport.SuiteInfrastructureResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Dynamic Client Registration against real PostgreSQL (checklist A7, A10; RFC 7591, RFC 7592). */
@QuarkusTest
@QuarkusTestResource(SuiteInfrastructureResource.class)
class ClientRegistrationTest {

    static final String IAT = "Bearer test-initial-access-token";

    static Map<String, Object> logoutClient() {
        return Map.of(
                "client_name", "wiki",
                "redirect_uris", List.of("https://wiki.example/callback"),
                "post_logout_redirect_uris", List.of("https://wiki.example/bye"),
                "grant_types", List.of("authorization_code", "refresh_token"),
                "backchannel_logout_uri", "https://wiki.example/bc-logout?tenant=7",
                "backchannel_logout_session_required", true,
                "frontchannel_logout_uri", "https://wiki.example/fc_logout?x=1",
                "frontchannel_logout_session_required", true);
    }

    @Test
    void A7_registrationAcceptsAndEchoesTheLogoutMetadataAndA10KeepsTheQuery() {
        var registered = given().header("Authorization", IAT).contentType(ContentType.JSON).body(logoutClient())
                .post("/register").then().statusCode(201).header("Cache-Control", "no-store")
                .body("client_id", notNullValue()).body("client_secret", notNullValue())
                .body("client_secret_expires_at", equalTo(0))
                .body("post_logout_redirect_uris", equalTo(List.of("https://wiki.example/bye")))
                .body("backchannel_logout_uri", equalTo("https://wiki.example/bc-logout?tenant=7"))
                .body("backchannel_logout_session_required", equalTo(true))
                .body("frontchannel_logout_uri", equalTo("https://wiki.example/fc_logout?x=1"))
                .body("frontchannel_logout_session_required", equalTo(true))
                .body("token_endpoint_auth_method", equalTo("client_secret_basic"))
                .body("registration_access_token", notNullValue())
                .extract().jsonPath();

        String clientId = registered.getString("client_id");
        // RFC 7592 read-back with the registration access token: the same metadata, no secret
        given().header("Authorization", "Bearer " + registered.getString("registration_access_token"))
                .get("/register/{id}", clientId).then().statusCode(200)
                .body("client_id", equalTo(clientId))
                .body("frontchannel_logout_uri", equalTo("https://wiki.example/fc_logout?x=1"))
                .body("backchannel_logout_uri", equalTo("https://wiki.example/bc-logout?tenant=7"))
                .body("client_secret", nullValue())
                .body("registration_client_uri", equalTo(registered.getString("registration_client_uri")));
    }

    @Test
    void readBackNeedsTheClientsOwnRegistrationToken() {
        String clientId = given().header("Authorization", IAT).contentType(ContentType.JSON).body(logoutClient())
                .post("/register").then().statusCode(201).extract().path("client_id");
        given().get("/register/{id}", clientId).then().statusCode(401).body("error", equalTo("invalid_token"));
        given().header("Authorization", "Bearer wrong").get("/register/{id}", clientId).then().statusCode(401);
        given().header("Authorization", "Bearer wrong").get("/register/{id}", "no-such-client").then().statusCode(401);
    }

    @Test
    void registrationNeedsTheInitialAccessToken() {
        given().contentType(ContentType.JSON).body(logoutClient()).post("/register").then().statusCode(401)
                .body("error", equalTo("invalid_token"));
        given().header("Authorization", "Bearer guess").contentType(ContentType.JSON).body(logoutClient())
                .post("/register").then().statusCode(401);
    }

    @Test
    void refusedMetadataGetsTheRfc7591ErrorAndNothingIsStored() {
        given().header("Authorization", IAT).contentType(ContentType.JSON)
                .body(Map.of("redirect_uris", List.of("https://wiki.example/cb"),
                        "backchannel_logout_uri", "https://wiki.example/bc#frag"))
                .post("/register").then().statusCode(400).body("error", equalTo("invalid_client_metadata"));
        given().header("Authorization", IAT).contentType(ContentType.JSON)
                .body(Map.of("redirect_uris", List.of("https://wiki.example/cb"),
                        "frontchannel_logout_uri", "https://evil.example/fc"))
                .post("/register").then().statusCode(400).body("error", equalTo("invalid_client_metadata"));
        given().header("Authorization", IAT).contentType(ContentType.JSON)
                .body(Map.of("redirect_uris", List.of("not a url")))
                .post("/register").then().statusCode(400).body("error", equalTo("invalid_redirect_uri"));
        given().header("Authorization", IAT).contentType(ContentType.JSON).body("{broken")
                .post("/register").then().statusCode(400).body("error", equalTo("invalid_request"));
        given().header("Authorization", IAT).contentType(ContentType.TEXT).body("x")
                .post("/register").then().statusCode(415).body("error", equalTo("invalid_request"));
    }

    @Test
    void operatorScopesAreRefusedAtRegistrationAndNeverGrantedToARegisteredClient() throws Throwable {
        for (String scope : List.of("sessions:end", "openid sessions:write", "deliveries:redrive", "keys:rotate")) {
            given().header("Authorization", IAT).contentType(ContentType.JSON)
                    .body(Map.of("grant_types", List.of("client_credentials"), "response_types", List.of(),
                            "scope", scope))
                    .post("/register").then().statusCode(400).body("error", equalTo("invalid_client_metadata"))
                    .body("error_description", containsString("operator-configured"));
        }
        // a registered service client gets what it registered, never an operator scope
        var registered = given().header("Authorization", IAT).contentType(ContentType.JSON)
                .body(Map.of("grant_types", List.of("client_credentials"), "response_types", List.of(),
                        "scope", "openid"))
                .post("/register").then().statusCode(201).extract().jsonPath();
        String id = registered.getString("client_id");
        String secret = registered.getString("client_secret");
        given().auth().preemptive().basic(id, secret).formParam("grant_type", "client_credentials")
                .formParam("scope", "sessions:end").post("/token")
                .then().statusCode(400).body("error", equalTo("invalid_scope"));

        // one registered before this rule existed, with an operator scope stored: the grant leaves it out
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> ClientEntity.update(
                "scope = 'openid sessions:end' where clientId = ?1", id)));
        given().auth().preemptive().basic(id, secret).formParam("grant_type", "client_credentials")
                .formParam("scope", "sessions:end").post("/token")
                .then().statusCode(400).body("error", equalTo("invalid_scope"));
        given().auth().preemptive().basic(id, secret).formParam("grant_type", "client_credentials").post("/token")
                .then().statusCode(200).body("scope", equalTo("openid"));
        // an operator-configured client still gets its operator scopes
        given().auth().preemptive().basic("session-admin", "session-admin-secret")
                .formParam("grant_type", "client_credentials").post("/token")
                .then().statusCode(200).body("scope", equalTo("sessions:read sessions:end"));
    }

    @Test
    void aPublicClientGetsNoSecret() {
        given().header("Authorization", IAT).contentType(ContentType.JSON)
                .body(Map.of("redirect_uris", List.of("http://localhost:8090/cb"), "token_endpoint_auth_method", "none"))
                .post("/register").then().statusCode(201).body("client_secret", nullValue())
                .body("token_endpoint_auth_method", equalTo("none"));
    }
}
