package io.github.ssosuite.dispatcher;

import io.github.ssosuite.contracts.Topics;
import io.github.ssosuite.testsupport.SuiteInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** The deliveries API: logout progress for auth-server, queries and re-drive for operators, and its scopes. */
@QuarkusTest
@QuarkusTestResource(SuiteInfrastructureResource.class)
@QuarkusTestResource(AuthSchemaResource.class)
class DeliveriesApiTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    TestRelyingParties rps;

    @BeforeEach
    void receivers() throws Exception {
        rps = new TestRelyingParties();
    }

    @AfterEach
    void stop() {
        rps.close();
    }

    static String token(String scope) {
        return Jwt.issuer("http://localhost:8080").audience("logout-dispatcher").subject("ops")
                .claim("scope", scope).expiresIn(Duration.ofMinutes(5)).sign();
    }

    private String client(String name) throws Exception {
        String id = name + "-" + UUID.randomUUID();
        AuthSchemaResource.registerClient(id, rps.uri(id), true);
        return id;
    }

    private String publish(String sid, String sub, String... clients) throws Exception {
        String eventId = UUID.randomUUID().toString();
        StringBuilder list = new StringBuilder();
        for (String c : clients) {
            list.append(list.length() > 0 ? "," : "").append("{\"client_id\":\"").append(c)
                    .append("\",\"joined_at\":\"").append(Instant.now()).append("\"}");
        }
        try (var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.SESSION_ENDED, sid, "{\"schema_version\":1,\"event_id\":\"" + eventId
                    + "\",\"sid\":\"" + sid + "\",\"sub\":\"" + sub + "\",\"reason\":\"logout\",\"clients\":[" + list
                    + "],\"ended_at\":\"" + Instant.now() + "\"}")).get();
        }
        return eventId;
    }

    @Test
    void theLogoutProgressWaitsUntilEveryDeliveryHadItsFirstAttempt() throws Exception {
        String quick = client("quick");
        String hangs = client("hangs");
        rps.answer(hangs, TestRelyingParties.HANG);
        String event = publish("7-" + "F".repeat(22), "user-p", quick, hangs);

        Instant asked = Instant.now();
        var progress = given().auth().oauth2(token("deliveries:read")).get("/logouts/{id}?wait=PT8S", event)
                .then().statusCode(200).extract().jsonPath();
        // the hanging RP's first attempt ends with the 1 s timeout; the answer comes then, not at the 8 s bound
        assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(6));
        assertThat(progress.getBoolean("received")).isTrue();
        assertThat(progress.getBoolean("first_attempts_done")).isTrue();
        assertThat(progress.getList("deliveries")).hasSize(2);
        assertThat(progress.getList("deliveries.first_attempt_at")).doesNotContainNull();
    }

    @Test
    void anEventNotYetReceivedAnswersAfterTheBound() {
        Instant asked = Instant.now();
        given().auth().oauth2(token("deliveries:read")).get("/logouts/{id}?wait=PT1S", UUID.randomUUID())
                .then().statusCode(200).body("received", equalTo(false)).body("first_attempts_done", equalTo(false));
        assertThat(Duration.between(asked, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void operatorsQueryBySubAndReDriveADeadDelivery() throws Exception {
        String down = client("down");
        rps.answer(down, 503);
        String sub = "user-" + UUID.randomUUID();
        publish("8-" + "G".repeat(22), sub, down);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(token("deliveries:read")).get("/deliveries?sub={sub}", sub).then().statusCode(200)
                        .body("$", hasSize(1)).body("[0].status", equalTo("dead")));
        long id = given().auth().oauth2(token("deliveries:read")).get("/deliveries?sub={sub}", sub)
                .then().extract().jsonPath().getLong("[0].id");

        rps.answer(down, 200);
        given().auth().oauth2(token("deliveries:read")).post("/deliveries/{id}/redrive", id).then().statusCode(403);
        given().auth().oauth2(token("deliveries:redrive")).post("/deliveries/{id}/redrive", id).then().statusCode(202);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().auth().oauth2(token("deliveries:read")).get("/deliveries?client_id={c}", down).then()
                        .body("[0].status", equalTo("done")));
        // only dead or failed deliveries can be re-driven
        given().auth().oauth2(token("deliveries:redrive")).post("/deliveries/{id}/redrive", id).then().statusCode(404);
    }

    @Test
    void theApiNeedsTokensAndRefusesBadInput() {
        given().get("/deliveries?sub=x").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(token("sessions:read")).get("/deliveries?sub=x").then().statusCode(403);
        given().auth().oauth2(token("deliveries:read")).get("/deliveries").then().statusCode(400);
        given().auth().oauth2(token("deliveries:read")).get("/logouts/x?wait=forever").then().statusCode(400);
        given().auth().oauth2(token("deliveries:read")).get("/logouts/x?wait=PT1M").then().statusCode(400);
        given().get("/q/metrics").then().body(containsString("dispatcher_retry_backlog"))
                .body(containsString("dispatcher_dead_letters"));
    }
}
