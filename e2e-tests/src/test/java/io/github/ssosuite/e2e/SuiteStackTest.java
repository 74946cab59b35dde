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
import java.time.Instant;
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

    /** The stack's services export their traces here (issue 7: one logout is one trace). */
    static OtlpReceiver collector;

    @BeforeAll
    static void up() throws Exception {
        dataDir = Binaries.traversableTempDir("sso-suite-e2e-");
        collector = new OtlpReceiver();
        String root = System.getProperty("suite.root", Path.of("..").toAbsolutePath().normalize().toString());
        StackOptions options = StackOptions.parse(new String[] {"up",
                "--root", root,
                "--data-dir", dataDir.toString(),
                "--redis-port", port(), "--kafka-port", kafkaPort(), "--pg-port", port(),
                "--auth-port", port(), "--session-port", port(), "--dispatcher-port", port(),
                "--demo-port", demoPorts(),
                "--otlp-endpoint", collector.endpoint()}, Map.of());
        stack = SuiteStack.start(options, line -> System.out.println("[stack] " + line));
    }

    @AfterAll
    static void down() throws Exception {
        if (collector != null) {
            collector.close();
        }
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
    void b3_aSessionEndedOverRestReachesTheRpsBackChannelWithItsSid() throws Exception {
        String auth = stack.service("auth-server").baseUrl();
        var received = new java.util.concurrent.CopyOnWriteArrayList<String>();
        var rp = backChannelRp(exchange -> received.add(new String(exchange.getRequestBody().readAllBytes())));
        try {
            String rpBase = "http://localhost:" + rp.getAddress().getPort();
            var client = registerRp(auth, rpBase);
            // registration cannot get an operator scope, even with the local stack's open registration
            var refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(auth + "/register"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"grant_types\":[\"client_credentials\"],\"scope\":\"sessions:end\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            assertThat(refused.body()).contains("invalid_client_metadata");

            // a user logs in at the OP for the RP, as a browser would
            var browser = browser();
            String sid = claims(logIn(browser, auth, client, rpBase + "/cb").get("id_token")).get("sid");

            // an operator ends the session over session-service's REST API with the seeded operator client's token
            String serviceBasic = java.util.Base64.getEncoder().encodeToString(
                    (SuiteStack.OPERATOR_CLIENT_ID + ":" + stack.operatorSecret()).getBytes());
            String serviceToken = json(post(auth + "/token", "application/x-www-form-urlencoded",
                    "grant_type=client_credentials", "Basic " + serviceBasic)).get("access_token");
            var ended = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                            stack.service("session-service").baseUrl() + "/sessions/" + sid + "?reason=admin"))
                    .header("Authorization", "Bearer " + serviceToken).DELETE().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);

            // session-service's outbox -> Kafka -> logout-dispatcher -> the RP's back-channel endpoint
            await().atMost(Duration.ofSeconds(30)).until(() -> !received.isEmpty());
            String token = java.net.URLDecoder.decode(received.get(0).substring("logout_token=".length()), "UTF-8");
            var logout = claims(token);
            assertThat(logout.get("sid")).isEqualTo(sid);
            assertThat(logout.get("aud")).isEqualTo(client.get("client_id"));
            assertThat(logout.get("iss")).isEqualTo(auth);
        } finally {
            rp.stop(0);
        }
    }

    /**
     * One logout is one trace (issue 7): the end-session request's {@code traceparent} reaches the RP's back-channel
     * POST through auth-server, session-service, the outbox, the Kafka record and the dispatcher's delivery row, and
     * each of the three services exports its spans of that trace to the collector.
     */
    @Test
    void b5_oneLogoutIsOneTraceFromTheEndSessionRequestToTheBackChannelPost() throws Exception {
        String auth = stack.service("auth-server").baseUrl();
        var traceparents = new java.util.concurrent.CopyOnWriteArrayList<String>();
        var rp = backChannelRp(exchange -> {
            exchange.getRequestBody().readAllBytes();
            traceparents.add(String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
        });
        try {
            String rpBase = "http://localhost:" + rp.getAddress().getPort();
            var client = registerRp(auth, rpBase);
            var browser = browser();
            String idToken = logIn(browser, auth, client, rpBase + "/cb").get("id_token");

            // the browser's request arrives with a trace context, as it would behind a traced ingress
            var random = new java.security.SecureRandom();
            byte[] traceBytes = new byte[16];
            byte[] spanBytes = new byte[8];
            random.nextBytes(traceBytes);
            random.nextBytes(spanBytes);
            String traceId = java.util.HexFormat.of().formatHex(traceBytes);
            String callerSpan = java.util.HexFormat.of().formatHex(spanBytes);
            var loggedOut = browser.send(HttpRequest.newBuilder(URI.create(auth + "/logout?id_token_hint=" + idToken))
                    .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(loggedOut.statusCode()).as(loggedOut.body()).isIn(200, 302, 303);

            await().atMost(Duration.ofSeconds(30)).until(() -> !traceparents.isEmpty());
            String received = traceparents.get(0);
            assertThat(received).as("the back-channel POST's traceparent")
                    .matches("00-" + traceId + "-[0-9a-f]{16}-01");
            assertThat(received).as("the POST is a span of its own, not the caller's").doesNotContain(callerSpan);

            for (String service : java.util.List.of("auth-server", "session-service", "logout-dispatcher")) {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                        .alias(service + " exported spans of trace " + traceId + " (" + collector.exportCount() + " exports seen)")
                        .until(() -> collector.exported(service, traceId));
            }
        } finally {
            rp.stop(0);
        }
    }

    /** What a test's RP does with a back-channel POST before answering 200. */
    private interface OnPost {
        void accept(com.sun.net.httpserver.HttpExchange exchange) throws java.io.IOException;
    }

    /** An RP's back-channel endpoint ({@code /bc}) on loopback: each POST goes to {@code onPost}, then 200. */
    private static com.sun.net.httpserver.HttpServer backChannelRp(OnPost onPost) throws java.io.IOException {
        var rp = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        rp.createContext("/bc", exchange -> {
            onPost.accept(exchange);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        rp.start();
        return rp;
    }

    /** Registers the RP at {@code rpBase}: code flow to /cb, back-channel logout to /bc with sid required. */
    private static Map<String, String> registerRp(String auth, String rpBase) throws Exception {
        return json(post(auth + "/register", "application/json", "{\"redirect_uris\":[\"" + rpBase + "/cb\"],"
                + "\"backchannel_logout_uri\":\"" + rpBase + "/bc\",\"backchannel_logout_session_required\":true}", null));
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(new java.net.CookieManager(null, java.net.CookiePolicy.ACCEPT_ALL)).build();
    }

    /** The demo user logs in at the OP for {@code client} (code flow, form login); the token response. */
    private static Map<String, String> logIn(HttpClient browser, String auth, Map<String, String> client,
            String redirectUri) throws Exception {
        String authorize = auth + "/authorize?response_type=code&scope=openid&state=e2e&client_id="
                + client.get("client_id") + "&redirect_uri=" + enc(redirectUri);
        var toLogin = browser.send(HttpRequest.newBuilder(URI.create(authorize)).build(), HttpResponse.BodyHandlers.ofString());
        var loginPage = browser.send(HttpRequest.newBuilder(URI.create(auth).resolve(toLogin.headers().firstValue("Location").orElseThrow()))
                .build(), HttpResponse.BodyHandlers.ofString());
        String form = "id=" + hidden(loginPage.body(), "id") + "&csrf=" + hidden(loginPage.body(), "csrf")
                + "&username=" + SuiteStack.DEMO_USERNAME + "&password=" + SuiteStack.DEMO_PASSWORD;
        var toRp = browser.send(HttpRequest.newBuilder(URI.create(auth + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        String code = query(toRp.headers().firstValue("Location").orElseThrow()).get("code");
        String basic = java.util.Base64.getEncoder().encodeToString((client.get("client_id") + ":" + client.get("client_secret")).getBytes());
        return json(post(auth + "/token", "application/x-www-form-urlencoded", "grant_type=authorization_code&code="
                + code + "&redirect_uri=" + enc(redirectUri), "Basic " + basic));
    }

    private static HttpResponse<String> post(String url, String type, String body, String authorization) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The string members of a flat JSON object (enough for these answers). */
    private static Map<String, String> json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        return strings(response.body());
    }

    private static Map<String, String> strings(String json) {
        Map<String, String> values = new java.util.HashMap<>();
        var m = java.util.regex.Pattern.compile("\"([a-z_]+)\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        while (m.find()) {
            values.put(m.group(1), m.group(2));
        }
        return values;
    }

    private static Map<String, String> claims(String jwt) {
        return strings(new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1])));
    }

    private static String hidden(String html, String name) {
        var m = java.util.regex.Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static Map<String, String> query(String location) {
        Map<String, String> params = new java.util.HashMap<>();
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
        }
        return params;
    }

    /**
     * Fault: logout-dispatcher is killed (SIGKILL) in the middle of a burst of 1,000 deliveries (100 events to 10 RPs)
     * and started again. Every delivery still succeeds, and none recorded as done is sent again: no RP receives a
     * delivery after the moment its row was recorded done.
     */
    @Test
    void b4_theDispatcherKilledMidBurstLosesNoDeliveryAndRepeatsNoneDone() throws Exception {
        String auth = stack.service("auth-server").baseUrl();
        record Receipt(String client, String sid, java.time.Instant at) {
        }
        var receipts = new java.util.concurrent.ConcurrentLinkedQueue<Receipt>();
        var rp = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        rp.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(64));
        rp.createContext("/bc/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes());
            var claims = claims(java.net.URLDecoder.decode(body.substring("logout_token=".length()), "UTF-8"));
            receipts.add(new Receipt(claims.get("aud"), claims.get("sid"), java.time.Instant.now()));
            try {
                Thread.sleep(200); // a realistic RP: the burst takes a few seconds
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        rp.start();
        try {
            String rpBase = "http://localhost:" + rp.getAddress().getPort();
            java.util.List<String> clients = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                clients.add(json(post(auth + "/register", "application/json", "{\"redirect_uris\":[\"" + rpBase
                        + "/cb\"],\"backchannel_logout_uri\":\"" + rpBase + "/bc/" + i
                        + "\",\"backchannel_logout_session_required\":true}", null)).get("client_id"));
            }
            java.util.List<String> events = new java.util.ArrayList<>();
            String clientList = clients.stream().map(c -> "{\"client_id\":\"" + c + "\",\"joined_at\":\""
                    + java.time.Instant.now() + "\"}").collect(java.util.stream.Collectors.joining(","));
            try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(Map.of(
                    "bootstrap.servers", stack.infrastructure().kafka().bootstrapServers(), "acks", "all"),
                    new org.apache.kafka.common.serialization.StringSerializer(),
                    new org.apache.kafka.common.serialization.StringSerializer())) {
                for (int e = 0; e < 100; e++) {
                    String eventId = java.util.UUID.randomUUID().toString();
                    String sid = "9-" + eventId.replace("-", "").substring(0, 22);
                    events.add(eventId);
                    producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(
                            io.github.ssosuite.contracts.Topics.SESSION_ENDED, sid,
                            "{\"schema_version\":1,\"event_id\":\"" + eventId + "\",\"sid\":\"" + sid
                                    + "\",\"sub\":\"burst-user\",\"reason\":\"admin\",\"clients\":[" + clientList
                                    + "],\"ended_at\":\"" + java.time.Instant.now() + "\"}"));
                }
                producer.flush();
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> receipts.size() >= 150);
            stack.crashAndRestart("logout-dispatcher");
            int atCrash = receipts.size();

            String inList = events.stream().map(id -> "'" + id + "'").collect(java.util.stream.Collectors.joining(","));
            var pg = stack.infrastructure().postgres();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                try (var c = java.sql.DriverManager.getConnection(pg.jdbcUrl(), "sso", "sso");
                     var rs = c.createStatement().executeQuery("SELECT count(*) FROM dispatcher.deliveries "
                             + "WHERE status = 'done' AND event_id IN (" + inList + ")")) {
                    rs.next();
                    return rs.getInt(1) == 1000;
                }
            });
            Thread.sleep(2000); // anything sent again would arrive now

            // none lost: every (event, RP) pair was received
            Map<String, java.time.Instant> finished = new java.util.HashMap<>();
            try (var c = java.sql.DriverManager.getConnection(pg.jdbcUrl(), "sso", "sso");
                 var rs = c.createStatement().executeQuery("SELECT client_id, sid, finished_at FROM dispatcher.deliveries "
                         + "WHERE event_id IN (" + inList + ")")) {
                while (rs.next()) {
                    finished.put(rs.getString(1) + " " + rs.getString(2), rs.getTimestamp(3).toInstant());
                }
            }
            var received = receipts.stream().map(r -> r.client() + " " + r.sid())
                    .collect(java.util.stream.Collectors.toSet());
            assertThat(finished).hasSize(1000);
            assertThat(received).containsAll(finished.keySet());
            // none done sent again: no receipt after its delivery was recorded done
            var late = receipts.stream().filter(r -> r.at().isAfter(finished.get(r.client() + " " + r.sid()))).toList();
            assertThat(late).as("deliveries received after they were recorded done").isEmpty();
            System.out.printf("[stack] burst: %d receipts before the crash, %d in all, %d sent twice (in flight at the crash)%n",
                    atCrash, receipts.size(), receipts.size() - received.size());
        } finally {
            rp.stop(0);
        }
    }

    @Test
    void c_theSummaryTellsWhatToOpenAndTheDemoLogin() {
        assertThat(stack.summary())
                .contains(stack.service("auth-server").baseUrl())
                .contains("Demo user: " + SuiteStack.DEMO_USERNAME + " / " + SuiteStack.DEMO_PASSWORD)
                .contains("./suite down");
    }

    /**
     * Issue 6's demo, in a real browser: log in on intranet; wiki and dashboard without a form; the session iframe
     * says unchanged; RP-initiated logout from wiki, whose redirect comes only after the other two RPs' back-channel
     * endpoints were hit; all three logged out; prompt=none fails; the old session_state is now "changed".
     */
    @Test
    void d_aPersonLogsInOnceAndOutEverywhereInARealBrowser() throws Exception {
        String op = stack.service("auth-server").baseUrl().replace("127.0.0.1", "localhost");
        String intranet = stack.demoUrl(0);
        String wiki = stack.demoUrl(1);
        String dashboard = stack.demoUrl(2);
        try (Chromium browser = Chromium.start()) {
            Duration wait = Duration.ofSeconds(20);
            // login once, on intranet
            browser.open(intranet + "/");
            browser.await(wait, d -> browser.has("username"));
            assertThat(browser.url()).startsWith(op + "/login");
            browser.signIn(SuiteStack.DEMO_USERNAME, SuiteStack.DEMO_PASSWORD);
            browser.await(wait, d -> d.getCurrentUrl().startsWith(intranet) && browser.has("user"));
            assertThat(browser.text("user")).contains("demo");
            String sid = browser.text("sid");
            assertThat(sid).isNotBlank();

            // SSO: the other two need no form, and share the OP session
            for (String app : new String[] {wiki, dashboard}) {
                browser.open(app + "/");
                browser.await(wait, d -> d.getCurrentUrl().startsWith(app) && browser.has("user"));
                assertThat(browser.has("password")).isFalse();
                assertThat(browser.text("sid")).isEqualTo(sid);
            }

            // Session Management: session_state from a silent authorization, checked in the OP's iframe
            browser.open(op + "/authorize?response_type=code&scope=openid&prompt=none&client_id=intranet"
                    + "&redirect_uri=" + enc(intranet + "/session-probe"));
            browser.await(wait, d -> d.getCurrentUrl().startsWith(intranet + "/session-probe"));
            String sessionState = query(browser.url(), "session_state");
            assertThat(query(browser.url(), "code")).isNotNull();
            assertThat(sessionStatus(browser, wait)).isEqualTo("unchanged");

            // RP-initiated logout from wiki, through the OP's end-session endpoint, back to wiki's page
            browser.open(wiki + "/logout");
            browser.await(wait, d -> d.getCurrentUrl().startsWith(wiki + "/signed-out"));
            Instant landed = lastEvent(wiki, "signed_out");
            assertThat(landed).as("wiki's post-logout page was reached").isNotNull();
            for (String other : new String[] {intranet, dashboard}) {
                Instant notified = lastEvent(other, "backchannel_logout");
                assertThat(notified).as(other + " got its back-channel logout").isNotNull();
                assertThat(notified).as(other + " was told before the browser reached the redirect").isBefore(landed);
            }

            // every RP is logged out at its next request: each sends the browser to the OP's login form
            for (String app : new String[] {intranet, wiki, dashboard}) {
                browser.open(app + "/");
                browser.await(wait, d -> d.getCurrentUrl().startsWith(op + "/login") && browser.has("username"));
            }

            // and the OP session is gone: prompt=none fails, the old session_state is "changed"
            browser.open(op + "/authorize?response_type=code&scope=openid&prompt=none&client_id=intranet"
                    + "&redirect_uri=" + enc(intranet + "/session-probe"));
            browser.await(wait, d -> d.getCurrentUrl().startsWith(intranet + "/session-probe"));
            assertThat(query(browser.url(), "error")).isEqualTo("login_required");
            browser.open(intranet + "/session-probe?session_state=" + enc(sessionState));
            assertThat(sessionStatus(browser, wait)).isEqualTo("changed");
        } catch (AssertionError | RuntimeException e) {
            printLogTails("auth-server", "logout-dispatcher", "intranet", "wiki", "dashboard");
            for (String app : new String[] {intranet, wiki, dashboard}) {
                System.out.println("---- " + app + "/demo/events: " + get(app + "/demo/events").body());
            }
            printDeliveries();
            throw e;
        }
    }

    /** The dispatcher's audit trail, for a failure's report (psql when installed). */
    private static void printDeliveries() {
        try {
            ProcessBuilder command = new ProcessBuilder("psql", "-h", "127.0.0.1", "-p",
                    Integer.toString(stack.infrastructure().postgres().port()), "-U", "sso", "-d", "sso", "-c",
                    "select event_id, client_id, status, attempts, last_status, last_error, created_at, first_attempt_at "
                            + "from dispatcher.deliveries order by id desc limit 10").redirectErrorStream(true);
            command.environment().put("PGPASSWORD", "sso");
            Process psql = command.start();
            psql.getOutputStream().close();
            System.out.println("---- deliveries ----\n" + new String(psql.getInputStream().readAllBytes()));
        } catch (Exception ignored) {
            System.out.println("---- no psql ----");
        }
    }

    /** The last lines of some services' logs, for a failure's report. */
    private static void printLogTails(String... names) {
        for (String name : names) {
            try {
                java.util.List<String> lines = java.nio.file.Files.readAllLines(dataDir.resolve("logs").resolve(name + ".log"));
                System.out.println("---- last lines of " + name + ".log ----");
                lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.out::println);
            } catch (Exception ignored) {
                System.out.println("---- no log of " + name + " ----");
            }
        }
    }

    private static String sessionStatus(Chromium browser, Duration wait) {
        return browser.await(wait, d -> {
            String status = d.findElement(org.openqa.selenium.By.id("session-status")).getAttribute("data-status");
            return status == null || status.isEmpty() ? null : status;
        });
    }

    /** When the demo RP last recorded an event of {@code type} (its audit, read without the browser's cookies). */
    private static Instant lastEvent(String app, String type) throws Exception {
        Instant last = null;
        java.util.List<Map<String, Object>> events = new org.openqa.selenium.json.Json()
                .toType(get(app + "/demo/events").body(), org.openqa.selenium.json.Json.LIST_OF_MAPS_TYPE);
        for (Map<String, Object> event : events) {
            if (type.equals(event.get("type"))) {
                last = Instant.parse(String.valueOf(event.get("at")));
            }
        }
        return last;
    }

    private static String query(String url, String name) {
        String raw = URI.create(url).getRawQuery();
        if (raw == null) {
            return null;
        }
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name)) {
                return java.net.URLDecoder.decode(kv.length > 1 ? kv[1] : "", java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String port() {
        return Integer.toString(Ports.free());
    }

    /** The three demo RPs take three ports in a row. */
    private static String demoPorts() {
        return Integer.toString(Ports.freeRun(3));
    }

    /** Kafka's controller takes the next port. */
    private static String kafkaPort() {
        return Integer.toString(Ports.freeRun(2));
    }
}
