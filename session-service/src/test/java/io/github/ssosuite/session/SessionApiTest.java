package io.github.ssosuite.session;

import io.github.ssosuite.contracts.EndReason;
import io.github.ssosuite.contracts.ParticipatingClient;
import io.github.ssosuite.testsupport.SuiteInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.build.Jwt;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

/** The REST API on real Redis, with the events it produces read back from real Kafka. */
@QuarkusTest
@QuarkusTestResource(SuiteInfrastructureResource.class)
class SessionApiTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    SessionEndedTopic topic;

    @BeforeEach
    void openTopic() {
        topic = new SessionEndedTopic(kafka);
    }

    @AfterEach
    void closeTopic() {
        topic.close();
    }

    static String newSession(String sub, String clientId) {
        return api().body(Map.of("sub", sub, "auth_time", Instant.now().getEpochSecond(), "amr", List.of("pwd"),
                        "acr", "urn:ssosuite:acr:pwd", "user_agent", "Mozilla/5.0 (X11; Linux x86_64) TestBrowser/1.0",
                        "ip", "203.0.113.7", "client_id", clientId))
                .post("/sessions").then().statusCode(201).extract().path("sid");
    }

    static io.restassured.specification.RequestSpecification api() {
        return given().auth().oauth2(TestTokens.all()).contentType(ContentType.JSON);
    }

    @Test
    void createReadTouchJoinAndEndASession() {
        String sub = "user-" + UUID.randomUUID();
        String sid = newSession(sub, "intranet");

        api().get("/sessions/{sid}", sid).then().statusCode(200)
                .body("sid", equalTo(sid)).body("sub", equalTo(sub))
                .body("amr", equalTo(List.of("pwd"))).body("acr", equalTo("urn:ssosuite:acr:pwd"))
                .body("ip", equalTo("203.0.113.7")).body("browser_state", notNullValue())
                .body("clients.client_id", equalTo(List.of("intranet")));

        String firstJoin = api().body(Map.of("client_id", "wiki")).post("/sessions/{sid}/clients", sid)
                .then().statusCode(200).body("clients.client_id", equalTo(List.of("intranet", "wiki")))
                .extract().path("clients[1].joined_at");
        // joining again keeps the first join time
        api().body(Map.of("client_id", "wiki")).post("/sessions/{sid}/clients", sid)
                .then().statusCode(200).body("clients[1].joined_at", equalTo(firstJoin));

        String ended = api().delete("/sessions/{sid}?reason=logout", sid).then().statusCode(200)
                .body("sessions_ended", equalTo(1)).body("event_ids", hasSize(1)).extract().path("event_ids[0]");

        var events = topic.await(e -> e.eventId().equals(ended), 1, Duration.ofSeconds(20));
        var event = events.get(0).event();
        assertThat(events.get(0).key()).isEqualTo(sid);
        assertThat(event.sid()).isEqualTo(sid);
        assertThat(event.sub()).isEqualTo(sub);
        assertThat(event.reason()).isEqualTo(EndReason.LOGOUT);
        assertThat(event.clients()).extracting(ParticipatingClient::clientId).containsExactly("intranet", "wiki");

        api().get("/sessions/{sid}", sid).then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void aReauthenticationMovesAuthTimeAndKeepsTheSid() {
        String sid = newSession("user-" + UUID.randomUUID(), "wiki");
        long later = Instant.now().getEpochSecond() + 5;
        api().body(Map.of("auth_time", later, "amr", List.of("pwd", "otp"), "acr", "acr-2"))
                .post("/sessions/{sid}/authentication", sid).then().statusCode(200)
                .body("sid", equalTo(sid)).body("auth_time", equalTo((int) later))
                .body("amr", equalTo(List.of("pwd", "otp"))).body("acr", equalTo("acr-2"))
                .body("clients.client_id", equalTo(List.of("wiki")));
        api().body(Map.of("amr", List.of("pwd"))).post("/sessions/{sid}/authentication", sid).then().statusCode(400);
        api().delete("/sessions/{sid}", sid).then().statusCode(200);
        api().body(Map.of("auth_time", later)).post("/sessions/{sid}/authentication", sid).then().statusCode(404);
    }

    @Test
    void endingIsIdempotentAndAnswersWithTheSameEventId() {
        String sid = newSession("user-" + UUID.randomUUID(), "wiki");
        String first = api().delete("/sessions/{sid}", sid).then().statusCode(200).extract().path("event_ids[0]");

        api().delete("/sessions/{sid}", sid).then().statusCode(200)
                .body("sessions_ended", equalTo(0)).body("event_ids", equalTo(List.of(first)));
        // exactly one event for the session, whatever the number of calls
        assertThat(topic.drain(e -> sid.equals(e.sid()), Duration.ofSeconds(2))).hasSize(1);
        // a session that never existed: nothing to end, not an error
        api().delete("/sessions/{sid}", "3-AAAAAAAAAAAAAAAAAAAAAA").then().statusCode(200)
                .body("sessions_ended", equalTo(0)).body("event_ids", hasSize(0));
    }

    @Test
    void listAndEndAllSessionsOfAUserWithOneUserWideEvent() {
        String sub = "user-" + UUID.randomUUID();
        String laptop = newSession(sub, "intranet");
        String phone = newSession(sub, "wiki");
        api().body(Map.of("client_id", "intranet")).post("/sessions/{sid}/clients", phone).then().statusCode(200);
        String otherUsers = newSession("user-" + UUID.randomUUID(), "intranet");

        api().get("/users/{sub}/sessions", sub).then().statusCode(200)
                .body("sid", equalTo(List.of(phone, laptop))).body("sub", everyItem(equalTo(sub)));

        ValidatableResponse ended = api().delete("/users/{sub}/sessions?reason=password_reset", sub)
                .then().statusCode(200).body("sessions_ended", equalTo(2)).body("event_ids", hasSize(1));
        String eventId = ended.extract().path("event_ids[0]");

        var event = topic.await(e -> e.eventId().equals(eventId), 1, Duration.ofSeconds(20)).get(0).event();
        assertThat(event.sid()).as("user-wide: no sid (checklist P5)").isNull();
        assertThat(event.userWide()).isTrue();
        assertThat(event.reason()).isEqualTo(EndReason.PASSWORD_RESET);
        assertThat(event.endedSids()).containsExactlyInAnyOrder(laptop, phone);
        // each client once, with its first join
        assertThat(event.clients()).extracting(ParticipatingClient::clientId).containsExactly("intranet", "wiki");

        api().get("/users/{sub}/sessions", sub).then().statusCode(200).body("$", hasSize(0));
        api().get("/sessions/{sid}", otherUsers).then().statusCode(200);
        api().delete("/users/{sub}/sessions?reason=password_reset", sub).then().statusCode(200)
                .body("sessions_ended", equalTo(0)).body("event_ids", hasSize(0));
    }

    @Test
    void endAllSessionsAClientJoined() {
        String client = "client-" + UUID.randomUUID();
        String a = newSession("user-" + UUID.randomUUID(), client);
        String b = newSession("user-" + UUID.randomUUID(), "wiki");
        api().body(Map.of("client_id", client)).post("/sessions/{sid}/clients", b).then().statusCode(200);
        String untouched = newSession("user-" + UUID.randomUUID(), "wiki");

        api().delete("/clients/{id}/sessions?reason=admin", client).then().statusCode(200)
                .body("sessions_ended", equalTo(2)).body("event_ids", hasSize(2));

        api().get("/sessions/{sid}", a).then().statusCode(404);
        api().get("/sessions/{sid}", b).then().statusCode(404);
        api().get("/sessions/{sid}", untouched).then().statusCode(200);
        assertThat(topic.await(e -> a.equals(e.sid()) || b.equals(e.sid()), 2, Duration.ofSeconds(20)))
                .allSatisfy(r -> assertThat(r.event().reason()).isEqualTo(EndReason.ADMIN));
    }

    @Test
    void tokensWithoutTheRightScopeOrFromAnotherIssuerAreRefused() {
        String sid = newSession("user-" + UUID.randomUUID(), "wiki");

        given().get("/sessions/{sid}", sid).then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2("not-a-jwt").get("/sessions/{sid}", sid).then().statusCode(401);
        String foreign = Jwt.issuer("https://evil.example").audience("session-service").claim("scope", "sessions:read")
                .sign();
        given().auth().oauth2(foreign).get("/sessions/{sid}", sid).then().statusCode(401);
        String wrongAudience = Jwt.issuer("http://localhost:8080").audience("another-api")
                .claim("scope", "sessions:read").sign();
        given().auth().oauth2(wrongAudience).get("/sessions/{sid}", sid).then().statusCode(401);

        // reading and ending are different scopes
        given().auth().oauth2(TestTokens.withScope("sessions:read")).delete("/sessions/{sid}", sid)
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.withScope("sessions:end")).get("/sessions/{sid}", sid)
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.withScope("sessions:read")).post("/sessions/{sid}/touch", sid)
                .then().statusCode(403);
        api().get("/sessions/{sid}", sid).then().statusCode(200);
    }

    @Test
    void theApiIsDescribedInOpenApi() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.keySet()", org.hamcrest.Matchers.hasItems("/sessions", "/sessions/{sid}",
                        "/sessions/{sid}/touch", "/sessions/{sid}/clients", "/sessions/{sid}/authentication", "/users/{sub}/sessions",
                        "/clients/{clientId}/sessions"));
    }

    @Test
    void badInputGetsAClearProblemAndChangesNothing() {
        String sub = "user-" + UUID.randomUUID();
        String sid = newSession(sub, "wiki");

        api().body(Map.of("auth_time", 1)).post("/sessions").then().statusCode(400)
                .contentType("application/problem+json").body("detail", equalTo("sub is required"));
        api().body(Map.of("sub", "a\u0000b")).post("/sessions").then().statusCode(400)
                .body("detail", equalTo("sub contains control characters"));
        api().body(Map.of("sub", "x".repeat(256))).post("/sessions").then().statusCode(400);
        api().body(Map.of("sub", "x", "amr", List.of("pwd otp"))).post("/sessions").then().statusCode(400);
        api().body("{not json").post("/sessions").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.all()).contentType(ContentType.TEXT).body("sub=x").post("/sessions")
                .then().statusCode(415).contentType("application/problem+json");
        api().body(Map.of()).post("/sessions/{sid}/clients", sid).then().statusCode(400);
        api().body(Map.of("client_id", "wiki")).post("/sessions/{sid}/clients", "no-such-sid").then().statusCode(404);
        api().delete("/sessions/{sid}?reason=bored", sid).then().statusCode(400)
                .body("detail", matchesPattern("reason must be one of .*"));
        api().delete("/sessions/{sid}?reason=expired", sid).then().statusCode(400);
        api().delete("/users/{sub}/sessions?reason=nope", sub).then().statusCode(400);

        api().get("/sessions/{sid}", sid).then().statusCode(200).body("clients.client_id", equalTo(List.of("wiki")));
        api().get("/users/{sub}/sessions", sub).then().statusCode(200).body("$", hasSize(1));
    }
}
