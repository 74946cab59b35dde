package io.github.ssosuite.dispatcher;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.claims.LogoutTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.LogoutTokenValidator;
import io.github.ssosuite.contracts.Topics;
import io.github.ssosuite.testsupport.SuiteInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Back-channel logout on real Kafka, PostgreSQL and HTTP receivers, each token checked on the RP side by the Nimbus
 * SDK's {@link LogoutTokenValidator} (checklist F1–F17). Test profile: retries after 200–500 ms, a 1 s attempt
 * timeout, a 4 s retry window.
 */
@QuarkusTest
@QuarkusTestResource(SuiteInfrastructureResource.class)
@QuarkusTestResource(AuthSchemaResource.class)
class BackChannelDeliveryTest {

    static final String ISSUER = "http://localhost:8080";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    TestRelyingParties rps;

    @BeforeEach
    void receivers() throws Exception {
        rps = new TestRelyingParties();
    }

    @AfterEach
    void stop() {
        rps.close();
    }

    private String client(String name, boolean sidRequired) throws Exception {
        String clientId = name + "-" + UUID.randomUUID();
        AuthSchemaResource.registerClient(clientId, rps.uri(clientId), sidRequired);
        return clientId;
    }

    private String publish(String sid, String sub, String reason, String... clients) throws Exception {
        String eventId = UUID.randomUUID().toString();
        StringBuilder json = new StringBuilder("{\"schema_version\":1,\"event_id\":\"" + eventId + "\",");
        if (sid != null) {
            json.append("\"sid\":\"").append(sid).append("\",");
        }
        json.append("\"sub\":\"").append(sub).append("\",\"reason\":\"").append(reason).append("\",\"clients\":[");
        for (int i = 0; i < clients.length; i++) {
            json.append(i > 0 ? "," : "").append("{\"client_id\":\"").append(clients[i])
                    .append("\",\"joined_at\":\"").append(Instant.now()).append("\"}");
        }
        json.append("],\"ended_at\":\"").append(Instant.now()).append("\"}");
        try (var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.SESSION_ENDED, sid != null ? sid : "sub:" + sub, json.toString())).get();
            return eventId;
        }
    }

    private LogoutTokenClaimsSet validate(String clientId, String token) throws Exception {
        JWKSet jwks = new JWKSet(JWK.parse(AuthSchemaResource.publicJwk()));
        var validator = new LogoutTokenValidator(new Issuer(ISSUER), new ClientID(clientId), true,
                new com.nimbusds.jose.proc.JWSVerificationKeySelector<SecurityContext>(JWSAlgorithm.RS256,
                        new ImmutableJWKSet<>(jwks)), null);
        return validator.validate(JWTParser.parse(token));
    }

    private String status(String eventId, String clientId) throws Exception {
        try (var c = DriverManager.getConnection(jdbcUrl, "sso", "sso");
             var ps = c.prepareStatement("SELECT status, attempts FROM dispatcher.deliveries WHERE event_id = ? AND client_id = ?")) {
            ps.setString(1, eventId);
            ps.setString(2, clientId);
            var rs = ps.executeQuery();
            return rs.next() ? rs.getString(1) + "/" + rs.getInt(2) : "none";
        }
    }

    @Test
    void F1_to_F12_oneValidTokenPerRpWithSidOnlyWhereRequired() throws Exception {
        String withSid = client("needs-sid", true);
        String withoutSid = client("no-sid", false);
        String sid = "3-" + "S".repeat(22);

        publish(sid, "user-1", "logout", withSid, withoutSid);
        await().atMost(Duration.ofSeconds(15)).until(() ->
                rps.receivedBy(withSid).size() == 1 && rps.receivedBy(withoutSid).size() == 1);

        for (String rp : List.of(withSid, withoutSid)) {
            var request = rps.receivedBy(rp).get(0);
            assertThat(request.contentType()).as("F12").isEqualTo("application/x-www-form-urlencoded");
            SignedJWT jwt = SignedJWT.parse(request.logoutToken());
            assertThat(jwt.getHeader().getType()).as("F10").isEqualTo(new JOSEObjectType("logout+jwt"));
            assertThat(jwt.getHeader().getKeyID()).isEqualTo(AuthSchemaResource.KID);
            LogoutTokenClaimsSet claims = validate(rp, request.logoutToken()); // F1-F9 by the RP library
            assertThat(claims.getSubject().getValue()).isEqualTo("user-1");
            var raw = jwt.getJWTClaimsSet();
            assertThat(raw.getAudience()).as("F2 one aud per RP").containsExactly(rp);
            assertThat(raw.getExpirationTime().getTime() - raw.getIssueTime().getTime()).as("F4").isLessThanOrEqualTo(120_000);
            assertThat(raw.getClaim("nonce")).as("F8").isNull();
            assertThat(raw.getJSONObjectClaim("events")).as("F6").isEqualTo(
                    Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()));
        }
        assertThat(SignedJWT.parse(rps.receivedBy(withSid).get(0).logoutToken()).getJWTClaimsSet().getStringClaim("sid"))
                .isEqualTo(sid);
        assertThat(SignedJWT.parse(rps.receivedBy(withoutSid).get(0).logoutToken()).getJWTClaimsSet().getClaim("sid"))
                .isNull();
    }

    @Test
    void F7_aUserWideEventSendsSubOnlyTokensOncePerClientEvenWhereSidIsRequired() throws Exception {
        String rp = client("user-wide", true);
        publish(null, "user-2", "password_reset", rp);
        await().atMost(Duration.ofSeconds(15)).until(() -> rps.receivedBy(rp).size() == 1);
        var claims = SignedJWT.parse(rps.receivedBy(rp).get(0).logoutToken()).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("user-2");
        assertThat(claims.getClaim("sid")).isNull();
    }

    @Test
    void F17_204IsSuccessAnd400IsFinalWithoutRetry() throws Exception {
        String accepts = client("answers-204", false);
        String refuses = client("answers-400", false);
        rps.answer(accepts, 204);
        rps.answer(refuses, 400);
        String event = publish("1-" + "A".repeat(22), "user-3", "logout", accepts, refuses);

        await().atMost(Duration.ofSeconds(15)).until(() -> status(event, accepts).equals("done/1")
                && status(event, refuses).equals("failed/1"));
        Thread.sleep(1500); // longer than the retry backoff: a 400 must not be tried again
        assertThat(rps.receivedBy(refuses)).hasSize(1);
        assertThat(rps.receivedBy(accepts)).hasSize(1);
    }

    @Test
    void F14_P11_503_503_200IsDeliveredOnTheThirdAttemptWithAFreshJtiEachTime() throws Exception {
        String rp = client("flaky", true);
        rps.answer(rp, 503, 503, 200);
        String event = publish("2-" + "B".repeat(22), "user-4", "logout", rp);

        await().atMost(Duration.ofSeconds(15)).until(() -> status(event, rp).equals("done/3"));
        var jtis = new HashSet<String>();
        for (var request : rps.receivedBy(rp)) {
            jtis.add(SignedJWT.parse(request.logoutToken()).getJWTClaimsSet().getJWTID());
            validate(rp, request.logoutToken());
        }
        assertThat(jtis).hasSize(3);
    }

    @Test
    void F15_aNeverAnsweringRpDelaysNoOtherRp() throws Exception {
        String hangs = client("hangs", false);
        String quick = client("quick", false);
        rps.answer(hangs, TestRelyingParties.HANG);
        Instant sent = Instant.now();
        publish("4-" + "C".repeat(22), "user-5", "logout", hangs, quick);

        await().atMost(Duration.ofSeconds(10)).until(() -> rps.receivedBy(quick).size() == 1);
        // both were asked at once; the quick one answered long before the hanging one's 1 s timeout ran out
        assertThat(Duration.between(sent, rps.receivedBy(quick).get(0).at())).isLessThan(Duration.ofMillis(900));
        await().atMost(Duration.ofSeconds(5)).until(() -> !rps.receivedBy(hangs).isEmpty());
    }

    @Test
    void aDeadRpsCircuitOpensItsDeliveriesWaitWithoutAttemptsAndOtherRpsFlow() throws Exception {
        String dead = client("circuit", false);
        String alive = client("alive", false);
        rps.answer(dead, 503);
        // three failures in a row (the test profile's threshold) open the circuit for 2 s
        publish("8-" + "G".repeat(22), "user-8", "logout", dead);
        await().atMost(Duration.ofSeconds(10)).until(() -> rps.receivedBy(dead).size() >= 3);
        Thread.sleep(300); // the third answer is recorded
        String event = publish("8-" + "H".repeat(22), "user-8", "logout", dead, alive);
        await().atMost(Duration.ofSeconds(5)).until(() -> rps.receivedBy(alive).size() == 1);
        Thread.sleep(800);
        assertThat(rps.receivedBy(dead)).as("nothing is sent while the circuit is open").hasSize(3);
        try (var c = DriverManager.getConnection(jdbcUrl, "sso", "sso");
             var ps = c.prepareStatement("SELECT last_error, first_attempt_at FROM dispatcher.deliveries "
                     + "WHERE event_id = ? AND client_id = ?")) {
            ps.setString(1, event);
            ps.setString(2, dead);
            var rs = ps.executeQuery();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).contains("circuit is open");
            assertThat(rs.getTimestamp(2)).as("a known-dead RP does not hold up the end-session wait").isNotNull();
        }
        // after the cool-down one trial goes out; the RP is back, so both deliveries complete
        rps.answer(dead, 200);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(event, dead).startsWith("done/"));
    }

    @Test
    void aClientsOwnLimitsApplyConcurrencyOneAndAShorterTimeout() throws Exception {
        String limited = "limited-rp";
        AuthSchemaResource.registerClient(limited, rps.uri(limited), false);
        rps.answer(limited, TestRelyingParties.HANG);
        for (int i = 0; i < 3; i++) {
            publish("9-" + i + "I".repeat(21), "user-9", "logout", limited);
        }
        // three timeouts in a row also open this RP's circuit (the test profile's threshold): three requests to look at
        await().atMost(Duration.ofSeconds(20)).until(() -> rps.receivedBy(limited).size() >= 3);
        var received = rps.receivedBy(limited);
        Duration shortest = Duration.ofDays(1);
        for (int i = 1; i < 3; i++) {
            // one request in flight at a time: each next one only after the previous one's timeout ended it
            Duration gap = Duration.between(received.get(i - 1).at(), received.get(i).at());
            assertThat(gap).as("gap %d", i).isGreaterThanOrEqualTo(Duration.ofMillis(450));
            shortest = gap.compareTo(shortest) < 0 ? gap : shortest;
        }
        // and that timeout is the client's own 500 ms: with the 1 s default no gap could be shorter than 1 s
        assertThat(shortest).isLessThan(Duration.ofMillis(950));
    }

    @Test
    void theRetryWindowEndsInTheDeadLetterTopic() throws Exception {
        String rp = client("down", false);
        rps.answer(rp, 503);
        try (var consumer = new KafkaConsumer<String, String>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.LOGOUT_DELIVERY_DEAD_LETTER));
            String event = publish("5-" + "D".repeat(22), "user-6", "logout", rp);

            await().atMost(Duration.ofSeconds(20)).until(() -> status(event, rp).startsWith("dead/"));
            assertThat(rps.receivedBy(rp).size()).as("retried within the window").isGreaterThan(2);
            List<String> dead = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> dead.add(r.value()));
                return dead.stream().anyMatch(v -> v.contains(event));
            });
        }
    }

    @Test
    void aRedeliveredEventSendsNothingAgain() throws Exception {
        String rp = client("once", false);
        String sid = "6-" + "E".repeat(22);
        String event = publish(sid, "user-7", "logout", rp);
        await().atMost(Duration.ofSeconds(15)).until(() -> status(event, rp).equals("done/1"));

        // the same event again (a rebalance or crash before the offset commit)
        try (var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.SESSION_ENDED, sid, "{\"schema_version\":1,\"event_id\":\"" + event
                    + "\",\"sid\":\"" + sid + "\",\"sub\":\"user-7\",\"reason\":\"logout\",\"clients\":[{\"client_id\":\""
                    + rp + "\",\"joined_at\":\"" + Instant.now() + "\"}],\"ended_at\":\"" + Instant.now() + "\"}")).get();
        }
        Thread.sleep(2000);
        assertThat(rps.receivedBy(rp)).hasSize(1);
    }
}
