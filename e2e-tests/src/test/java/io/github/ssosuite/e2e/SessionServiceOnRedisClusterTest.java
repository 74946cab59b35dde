package io.github.ssosuite.e2e;

import io.github.ssosuite.contracts.Topics;
import io.github.ssosuite.localstack.ServiceProcess;
import io.github.ssosuite.localstack.infra.Binaries;
import io.github.ssosuite.localstack.infra.KafkaBroker;
import io.github.ssosuite.localstack.infra.Ports;
import io.github.ssosuite.localstack.infra.RedisCluster;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged session-service on a real three-node Redis Cluster ({@code quarkus.redis.client-type=cluster}):
 * every multi-key Lua script must stay within one hash slot, or Redis refuses it. Sessions of several users
 * (several shards, so several nodes) are created, joined, listed and ended in each way, and expire; their events
 * reach Kafka.
 */
class SessionServiceOnRedisClusterTest {

    static Path dir;
    static RedisCluster cluster;
    static KafkaBroker kafka;
    static ServiceProcess service;
    static KeyPair signingKey;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        dir = Binaries.traversableTempDir("sso-suite-cluster-");
        cluster = RedisCluster.start(dir.resolve("redis"), 3);
        int kafkaPort = Ports.free();
        kafka = new KafkaBroker(kafkaPort, Ports.free(), dir.resolve("kafka"), false).start();
        kafka.createTopics(Map.of(Topics.SESSION_ENDED, 2));

        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        signingKey = generator.generateKeyPair();
        Path publicKey = dir.resolve("jwt-public.pem");
        Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(signingKey.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");

        String root = System.getProperty("suite.root", Path.of("..").toAbsolutePath().normalize().toString());
        // Now and then the packaged session-service never became ready on a fresh cluster whose nodes all reported
        // cluster_state:ok (PING timing out for 90 s; 2 of 6 local runs on 2026-12-01). Diagnosed as the cluster
        // client's hash-slot refresh deadlock (vertx-redis-client #541), fixed in 4.5.27, which the parent POM now
        // pins: 4 of 4 runs clean since. Should it come back, the fixture is built once more, loudly.
        for (int attempt = 1; ; attempt++) {
            service = ServiceProcess.start(Path.of(root), "session-service", Ports.free(), Map.of(
                    "QUARKUS_REDIS_CLIENT_TYPE", "cluster",
                    "QUARKUS_REDIS_HOSTS", cluster.hosts(),
                    "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "file:" + publicKey,
                    // a PEM key (not a JWKS) names no algorithm: with production's "RS256,ES256" SmallRye JWT reads it
                    // as whichever comes first in an unordered set, and a CI run got 401s when that was ES256
                    "MP_JWT_VERIFY_PUBLICKEY_ALGORITHM", "RS256",
                    "SESSION_IDLE_TIMEOUT", "6S",
                    "SESSION_EXPIRY_SWEEP_INTERVAL", "200MS",
                    "SESSION_EVENTS_RELAY_POLL_INTERVAL", "100MS"), dir.resolve("logs"));
            try {
                service.awaitReady(Duration.ofSeconds(90));
                break;
            } catch (RuntimeException e) {
                if (attempt == 2) {
                    throw e;
                }
                System.out.println("WARNING: session-service did not become ready on the Redis Cluster; "
                        + "starting cluster and service again (" + e.getMessage().lines().findFirst().orElse("") + ")");
                service.stop();
                cluster.close();
                cluster = RedisCluster.start(dir.resolve("redis-" + attempt), 3);
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.stop();
        }
        if (kafka != null) {
            kafka.stop();
        }
        if (cluster != null) {
            cluster.close();
        }
        Binaries.deleteRecursively(dir);
    }

    /** This service runs with production's logging defaults: one JSON object per line (issue 7). */
    @Test
    void productionLogsAreJsonLines() throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve("logs").resolve("session-service.log")).stream()
                .filter(l -> !l.isBlank()).toList();
        assertThat(lines).isNotEmpty();
        assertThat(lines).allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}")
                .contains("\"level\":").contains("\"message\":"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("session-service").contains("started"));
    }

    @Test
    void sessionsLiveAndEndOnRedisCluster() throws Exception {
        List<String> users = new ArrayList<>();
        List<String> firstSessions = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String sub = "cluster-user-" + i + "-" + UUID.randomUUID();
            users.add(sub);
            firstSessions.add(createSession(sub, "intranet"));
        }
        // keys of different users went to different nodes
        assertThat(firstSessions.stream().map(sid -> sid.substring(0, sid.indexOf('-'))).distinct().count())
                .isGreaterThan(2);

        String user = users.get(0);
        String laptop = firstSessions.get(0);
        assertThat(call("POST", "/sessions/" + laptop + "/clients", "{\"client_id\":\"wiki\"}").statusCode()).isEqualTo(200);
        String phone = createSession(user, "dashboard");
        HttpResponse<String> listed = call("GET", "/users/" + user + "/sessions", null);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains(laptop, phone);

        HttpResponse<String> clientEnded = call("DELETE", "/clients/wiki/sessions?reason=admin", null);
        assertThat(clientEnded.body()).contains("\"sessions_ended\":1");
        HttpResponse<String> userEnded = call("DELETE", "/users/" + user + "/sessions?reason=password_reset", null);
        assertThat(userEnded.body()).contains("\"sessions_ended\":1");
        for (String sid : firstSessions.subList(1, 6)) {
            assertThat(call("DELETE", "/sessions/" + sid, null).body()).contains("\"sessions_ended\":1");
        }
        assertThat(call("GET", "/sessions/" + laptop, null).statusCode()).isEqualTo(404);

        // the other six expire (idle 6 s) and are ended by the sweeper; all events reach Kafka
        List<String> events = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "cluster-test", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.SESSION_ENDED));
            // 60 s: on a loaded CI machine the consumer group's join alone took seconds, and 30 s once ran out
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> events.add(r.value()));
                    return events.size() >= 1 + 1 + 5 + 6;
                });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                System.out.println("---- " + events.size() + " events: " + events);
                List<String> log = Files.readAllLines(dir.resolve("logs").resolve("session-service.log"));
                log.subList(Math.max(0, log.size() - 40), log.size()).forEach(System.out::println);
                throw e;
            }
        }
        assertThat(events).anySatisfy(e -> assertThat(e).contains("\"sid\":\"" + laptop + "\"", "\"reason\":\"admin\""));
        assertThat(events).anySatisfy(e -> assertThat(e).contains("\"sub\":\"" + user + "\"", "\"reason\":\"password_reset\"",
                "\"ended_sids\":[\"" + phone + "\"]"));
        for (String sid : firstSessions.subList(6, 12)) {
            assertThat(events).anySatisfy(e -> assertThat(e).contains("\"sid\":\"" + sid + "\"", "\"reason\":\"expired\""));
        }
        assertThat(events).hasSize(13);
    }

    private static String createSession(String sub, String clientId) throws Exception {
        HttpResponse<String> created = call("POST", "/sessions",
                "{\"sub\":\"" + sub + "\",\"amr\":[\"pwd\"],\"client_id\":\"" + clientId + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Matcher sid = Pattern.compile("\"sid\":\"([^\"]+)\"").matcher(created.body());
        assertThat(sid.find()).isTrue();
        return sid.group(1);
    }

    private static HttpResponse<String> call(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token());
        if (json != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An RS256 JWT as auth-server's client_credentials grant issues it. */
    private static String token() throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"iss\":\"http://localhost:8080\",\"aud\":\"session-service\","
                + "\"sub\":\"e2e\",\"scope\":\"sessions:read sessions:write sessions:end\",\"iat\":" + now
                + ",\"exp\":" + (now + 300) + "}").getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(signingKey.getPrivate());
        rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + b64.encodeToString(rsa.sign());
    }
}
