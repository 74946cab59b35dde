package io.github.ssosuite.e2e;

import io.github.ssosuite.localstack.ServiceProcess;
import io.github.ssosuite.localstack.StackOptions;
import io.github.ssosuite.localstack.SuiteStack;
import io.github.ssosuite.localstack.infra.Binaries;
import io.github.ssosuite.localstack.infra.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole suite as {@code ./suite up} starts it (same code, random ports): real Redis, Kafka and PostgreSQL,
 * the three services from their built jars, each reporting UP; Redis stopping turns session-service's
 * readiness DOWN and its return UP again; closing leaves no process behind.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class SuiteStackTest {

    static Path dataDir;

    static SuiteStack stack;

    @BeforeAll
    static void up() throws Exception {
        dataDir = Binaries.traversableTempDir("sso-suite-e2e-");
        String root = System.getProperty("suite.root", Path.of("..").toAbsolutePath().normalize().toString());
        StackOptions options = StackOptions.parse(new String[] {"up",
                "--root", root,
                "--data-dir", dataDir.toString(),
                "--redis-port", port(), "--kafka-port", kafkaPort(), "--pg-port", port(),
                "--auth-port", port(), "--session-port", port(), "--dispatcher-port", port()}, Map.of());
        stack = SuiteStack.start(options, line -> System.out.println("[stack] " + line));
    }

    @AfterAll
    static void down() throws Exception {
        if (stack == null) {
            return;
        }
        Map<String, Long> pids = stack.pids();
        stack.close();
        pids.forEach((name, pid) -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("%s (pid %d) is gone after the stack stopped", name, pid).isFalse());
        Binaries.deleteRecursively(dataDir);
    }

    @Test
    void a_everyServiceReportsReady() throws Exception {
        for (ServiceProcess service : stack.services()) {
            HttpResponse<String> ready = get(service.baseUrl() + "/q/health/ready");
            assertThat(ready.statusCode()).as(service.name() + " readiness").isEqualTo(200);
            assertThat(ready.body()).contains("\"status\": \"UP\"");
            assertThat(get(service.baseUrl() + "/q/health/live").statusCode()).isEqualTo(200);
            assertThat(get(service.baseUrl() + "/q/metrics").body()).contains("jvm_threads_live_threads");
        }
    }

    @Test
    void b_stoppingRedisTurnsSessionServiceReadinessDownAndBackUp() throws Exception {
        ServiceProcess sessions = stack.service("session-service");
        stack.infrastructure().redis().stop();
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> sessions.readiness() == 503);
            // the services that do not use Redis are not affected
            assertThat(stack.service("logout-dispatcher").readiness()).isEqualTo(200);
        } finally {
            stack.infrastructure().redis().start();
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> sessions.readiness() == 200);
    }

    @Test
    void b2_theProviderPublishesDiscoveryAndKeysAndRegistersClients() throws Exception {
        String auth = stack.service("auth-server").baseUrl();
        HttpResponse<String> discovery = get(auth + "/.well-known/openid-configuration");
        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(discovery.body()).contains("\"issuer\":\"" + auth + "\"", "\"jwks_uri\":\"" + auth + "/jwks\"");
        assertThat(get(auth + "/jwks").body()).contains("\"kty\":\"RSA\"");
        HttpResponse<String> registered = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(auth + "/register"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"redirect_uris\":[\"http://localhost:9000/cb\"],"
                        + "\"backchannel_logout_uri\":\"http://localhost:9000/bc\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
    }

    @Test
    void c_theSummaryTellsWhatToOpenAndTheDemoLogin() {
        assertThat(stack.summary())
                .contains(stack.service("auth-server").baseUrl())
                .contains("Demo user: " + SuiteStack.DEMO_USERNAME + " / " + SuiteStack.DEMO_PASSWORD)
                .contains("./suite down");
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String port() {
        return Integer.toString(Ports.free());
    }

    /** Kafka's controller takes the next port: find a pair that is free. */
    private static String kafkaPort() {
        for (int i = 0; i < 50; i++) {
            int p = Ports.free();
            if (p < 65535 && !Ports.isListening(p + 1)) {
                return Integer.toString(p);
            }
        }
        throw new IllegalStateException("no free pair of ports");
    }
}
