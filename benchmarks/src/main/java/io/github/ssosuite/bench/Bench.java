package io.github.ssosuite.bench;

import io.github.ssosuite.contracts.Topics;
import io.github.ssosuite.localstack.StackOptions;
import io.github.ssosuite.localstack.SuiteStack;
import io.github.ssosuite.localstack.infra.Binaries;
import io.github.ssosuite.localstack.infra.Ports;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark harness. {@code java -jar benchmarks/target/benchmarks.jar dispatcher} starts the local stack
 * (real Redis, Kafka, PostgreSQL and the three services, on free ports, in a fresh data directory), and measures
 * logout-dispatcher: the fan-out latency of one event to 10 RPs (event published to Kafka, last POST received)
 * and deliveries per second in a burst. Prints a Markdown table.
 */
public final class Bench {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("compare")) {
            compare(args);
            return;
        }
        if (args.length > 0 && args[0].equals("sign")) {
            SignBench.run(intArg(args, "--seconds", 2));
            return;
        }
        if (args.length == 0 || !args[0].equals("dispatcher")) {
            System.err.println("""
                    usage: java -jar benchmarks/target/benchmarks.jar dispatcher [--rounds N] [--events N]
                           java -jar benchmarks/target/benchmarks.jar sign [--seconds 2]
                           java -jar benchmarks/target/benchmarks.jar compare [--peers ours,keycloak,node-oidc-provider]
                               [--concurrency 16,64] [--warmup 3] [--duration 10] [--runs 3] [--logouts 20] [--out DIR]
                               [--scenarios silent,login,refresh,fanout]
                           peers: ours, ours-jdk-crypto (this suite signing with the JDK's providers), keycloak,
                               node-oidc-provider; scenarios: silent, login, refresh, fanout, revoke (this suite only)""");
            System.exit(2);
        }
        int rounds = intArg(args, "--rounds", 30);
        int events = intArg(args, "--events", 500);
        Path dataDir = Binaries.traversableTempDir("sso-suite-bench-");
        String root = System.getProperty("suite.root", System.getenv().getOrDefault("SUITE_ROOT", "."));
        StackOptions options = StackOptions.parse(new String[] {"up", "--root", root, "--data-dir", dataDir.toString(),
                "--redis-port", port(), "--kafka-port", Integer.toString(Ports.freeRun(2)), "--pg-port", port(), "--auth-port", port(),
                "--session-port", port(), "--dispatcher-port", port(), "--no-demo"}, Map.of());
        try (SuiteStack stack = SuiteStack.start(options, line -> System.err.println("[stack] " + line))) {
            new DispatcherScenario(stack, rounds, events).run();
        } finally {
            Binaries.deleteRecursively(dataDir);
        }
    }

    /** Issue 8: the suite side by side with Keycloak and node-oidc-provider (see {@link Compare}). */
    private static void compare(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("suite.root", System.getenv().getOrDefault("SUITE_ROOT", ".")))
                .toAbsolutePath().normalize();
        String out = stringArg(args, "--out", root.resolve("benchmarks/target/results/"
                + java.time.LocalDateTime.now().withNano(0).toString().replace(':', '-')).toString());
        new Compare(root, Compare.list(stringArg(args, "--peers", "ours,keycloak,node-oidc-provider"), s -> s),
                Compare.list(stringArg(args, "--concurrency", "16,64"), Integer::parseInt),
                java.time.Duration.ofSeconds(intArg(args, "--warmup", 3)),
                java.time.Duration.ofSeconds(intArg(args, "--duration", 10)),
                intArg(args, "--runs", 3), intArg(args, "--logouts", 20), Path.of(out),
                Compare.list(stringArg(args, "--scenarios", "silent,login,refresh,fanout"), s -> s)).run();
    }

    private static String stringArg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /** logout-dispatcher: fan-out latency and burst throughput. */
    static final class DispatcherScenario {

        private static final Pattern CLIENT_ID = Pattern.compile("\"client_id\"\\s*:\\s*\"([^\"]+)\"");

        private final SuiteStack stack;
        private final int rounds;
        private final int events;
        private final KafkaProducer<String, String> producer;

        DispatcherScenario(SuiteStack stack, int rounds, int events) {
            this.stack = stack;
            this.rounds = rounds;
            this.events = events;
            this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    stack.infrastructure().kafka().bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new StringSerializer());
        }

        void run() throws Exception {
            System.out.println("| logout-dispatcher | median | p99 | max | n |");
            System.out.println("|---|---|---|---|---|");
            try (Receivers instant = new Receivers(10, null)) {
                List<String> clients = register(instant);
                fanOut(instant, clients, 10, 10); // warm-up
                Stats fan = fanOut(instant, clients, rounds, 10);
                print(row("fan-out, 10 RPs answering at once: event published → 10th POST received", fan, "ms"));
                long t0 = System.nanoTime();
                long before = instant.received.get();
                for (int i = 0; i < events; i++) {
                    publish("burst-" + i + "-" + UUID.randomUUID(), clients);
                }
                producer.flush();
                long total = (long) events * clients.size();
                waitUntil(() -> instant.received.get() - before >= total, 300_000);
                double seconds = (System.nanoTime() - t0) / 1e9;
                print(String.format(Locale.ROOT, "| burst: %d events × 10 RPs = %d deliveries | %.0f deliveries/s | %.1f s total | |",
                        events, total, total / seconds, seconds));
            }
            int[] delays = {50, 50, 50, 50, 50, 50, 50, 50, 50, -1};
            try (Receivers slow = new Receivers(10, delays)) {
                List<String> clients = register(slow);
                // the never-answering RP (index 9) gets its POSTs too, until its circuit opens; the others must not wait
                Stats fan = fanOut(slow, clients, rounds, 9);
                print(row("fan-out, 9 RPs answering after 50 ms + 1 never answering: 9th answering RP's POST received",
                        fan, "ms"));
            }
            System.out.println();
            System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", Java "
                    + System.getProperty("java.version") + "; Kafka, PostgreSQL, Redis, the three services and the "
                    + "receivers share the machine. " + Instant.now());
            producer.close();
        }

        /** Registers 10 RPs by Dynamic Client Registration, each with a receiver's back-channel URI. */
        private List<String> register(Receivers receivers) throws Exception {
            String issuer = stack.service("auth-server").baseUrl();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < receivers.servers.size(); i++) {
                String body = "{\"client_name\":\"bench-" + i + "\",\"redirect_uris\":[\"http://localhost/cb-" + i + "\"],"
                        + "\"grant_types\":[\"authorization_code\"],\"token_endpoint_auth_method\":\"client_secret_basic\","
                        + "\"backchannel_logout_uri\":\"" + receivers.uri(i) + "\",\"backchannel_logout_session_required\":true}";
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(issuer + "/register"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 201) {
                    throw new IllegalStateException("registration failed: " + r.statusCode() + " " + r.body());
                }
                Matcher m = CLIENT_ID.matcher(r.body());
                if (!m.find()) {
                    throw new IllegalStateException("no client_id in " + r.body());
                }
                ids.add(m.group(1));
            }
            return ids;
        }

        /**
         * One event at a time: from the publish to the POST at the last of receivers {@code 0..counted-1}, in ms.
         */
        private Stats fanOut(Receivers receivers, List<String> clients, int n, int counted) throws Exception {
            List<Double> samples = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String sid = "fan-" + UUID.randomUUID();
                long t0 = System.nanoTime();
                publish(sid, clients);
                waitUntil(() -> countedArrivals(receivers, sid, counted) >= counted, 30_000);
                long last = receivers.arrivals.get(sid).entrySet().stream().filter(e -> e.getKey() < counted)
                        .mapToLong(Map.Entry::getValue).max().orElseThrow();
                samples.add((last - t0) / 1e6);
            }
            return new Stats(samples);
        }

        private static long countedArrivals(Receivers receivers, String sid, int counted) {
            return receivers.arrivals.getOrDefault(sid, Map.of()).keySet().stream().filter(i -> i < counted).count();
        }

        private static void print(String row) {
            System.out.println(row);
            System.out.flush();
        }

        private void publish(String sid, List<String> clients) {
            StringBuilder json = new StringBuilder("{\"schema_version\":1,\"event_id\":\"" + UUID.randomUUID()
                    + "\",\"sid\":\"" + sid + "\",\"sub\":\"bench-user\",\"reason\":\"logout\",\"clients\":[");
            for (int i = 0; i < clients.size(); i++) {
                json.append(i > 0 ? "," : "").append("{\"client_id\":\"").append(clients.get(i))
                        .append("\",\"joined_at\":\"").append(Instant.now()).append("\"}");
            }
            json.append("],\"ended_at\":\"").append(Instant.now()).append("\"}");
            producer.send(new ProducerRecord<>(Topics.SESSION_ENDED, sid, json.toString()));
        }
    }

    static String row(String what, Stats s, String unit) {
        return String.format(Locale.ROOT, "| %s | %.1f %s | %.1f %s | %.1f %s | %d |", what, s.median(), unit,
                s.percentile(99), unit, s.max(), unit, s.count());
    }

    static void waitUntil(java.util.function.BooleanSupplier condition, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("timed out waiting");
            }
            Thread.sleep(1);
        }
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    private static String port() {
        return Integer.toString(Ports.free());
    }

}
