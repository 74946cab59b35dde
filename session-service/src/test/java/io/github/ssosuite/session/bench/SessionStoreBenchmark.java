package io.github.ssosuite.session.bench;

import io.github.ssosuite.contracts.EndReason;
import io.github.ssosuite.session.model.NewSession;
import io.github.ssosuite.session.model.Session;
import io.github.ssosuite.session.store.RedisKeys;
import io.github.ssosuite.session.store.RedisSessionStore;
import io.github.ssosuite.testsupport.SuiteInfrastructureResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Not a test: a benchmark, run by name and never in the default build.
 *
 * <pre>./mvnw -pl session-service -am install -DskipTests && ./mvnw -pl session-service verify -Dtest=SessionStoreBenchmark</pre>
 *
 * Reports Redis bytes per session with 3 joined clients ({@code MEMORY USAGE} over the session's record and its
 * share of the index keys) and create / touch / end operations per second through the store, on the real
 * (embedded) Redis of the test run. Writes {@code target/session-store-benchmark.md}.
 */
@QuarkusTest
@QuarkusTestResource(SuiteInfrastructureResource.class)
@TestProfile(SessionStoreBenchmark.ProductionLifetimes.class)
class SessionStoreBenchmark {

    /** Production lifetimes, so nothing expires while the benchmark runs. */
    public static class ProductionLifetimes implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("session.idle-timeout", "30M", "session.absolute-timeout", "10H",
                    "session.expiry.sweep-interval", "1S");
        }
    }

    static final String CHROME_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    static final int MEMORY_SESSIONS = 2_000;
    static final int OPS = 20_000;
    static final int CONCURRENCY = 64;
    static final int RUNS = 3;

    @Inject
    RedisSessionStore store;

    @Inject
    RedisDataSource redis;

    @Test
    void run() throws Exception {
        redis.flushall();
        StringBuilder report = new StringBuilder("| measure | value |\n|---|---|\n");

        var typical = memoryPerSession(CHROME_UA);
        report.append(row("Redis bytes per session, 3 clients, browser user agent (" + CHROME_UA.length()
                + " chars): record + index share", typical[0] + typical[1] + " (record " + typical[0] + ", indexes "
                + typical[1] + ")"));
        redis.flushall();
        var shortUa = memoryPerSession("curl/8.5.0");
        report.append(row("Redis bytes per session, 3 clients, short user agent: record + index share",
                shortUa[0] + shortUa[1] + " (record " + shortUa[0] + ", indexes " + shortUa[1] + ")"));
        redis.flushall();

        // warm-up, then RUNS measured rounds of create, touch + join, end over fresh sessions
        throughput(2_000, i -> store.create(login("warm-" + i)).replaceWithVoid());
        double[][] rates = new double[3][RUNS];
        for (int run = 0; run < RUNS; run++) {
            List<Session> sessions = java.util.Collections.synchronizedList(new ArrayList<>());
            int r = run;
            rates[0][run] = throughput(OPS, i -> store.create(login("user-" + r + "-" + i)).invoke(sessions::add)
                    .replaceWithVoid());
            rates[1][run] = throughput(OPS, i -> store.find(sessions.get(i).sid(), "client-" + (i % 3), true)
                    .replaceWithVoid());
            rates[2][run] = throughput(OPS, i -> store.end(sessions.get(i).sid(), EndReason.LOGOUT).replaceWithVoid());
        }
        report.append(row("create per second (" + CONCURRENCY + " in flight; median of " + RUNS + ", range)", rate(rates[0])));
        report.append(row("get with touch + join per second", rate(rates[1])));
        report.append(row("end (with its outbox event) per second", rate(rates[2])));

        String text = "Session store benchmark, " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, Redis " + redis.execute("INFO", "server").toString().lines()
                .filter(l -> l.startsWith("redis_version")).findFirst().orElse("?") + "\n\n" + report;
        Files.writeString(Path.of("target/session-store-benchmark.md"), text);
        System.out.println("\n" + text);
    }

    /** {record bytes, index bytes} per session, averaged over MEMORY_SESSIONS sessions of as many users. */
    private long[] memoryPerSession(String userAgent) {
        List<Session> created = new ArrayList<>();
        for (int i = 0; i < MEMORY_SESSIONS; i++) {
            Session s = store.create(new NewSession("user-" + UUID.randomUUID(), Instant.now(), List.of("pwd"),
                    "urn:ssosuite:acr:pwd", userAgent, "203.0.113.42", "intranet")).await().indefinitely();
            store.find(s.sid(), "wiki", true).await().indefinitely();
            store.find(s.sid(), "dashboard", true).await().indefinitely();
            created.add(s);
        }
        RedisKeys keys = store.keys();
        long records = 0;
        for (Session s : created) {
            int shard = store.ids().shardOfSid(s.sid()).orElseThrow();
            records += memoryUsage(keys.session(shard, s.sid()));
        }
        long indexes = 0;
        for (int shard = 0; shard < store.ids().shards(); shard++) {
            indexes += memoryUsage(keys.byUser(shard)) + memoryUsage(keys.expiry(shard));
            for (String client : List.of("intranet", "wiki", "dashboard")) {
                indexes += memoryUsage(keys.byClient(shard, client));
            }
        }
        return new long[] {records / MEMORY_SESSIONS, indexes / MEMORY_SESSIONS};
    }

    private long memoryUsage(String key) {
        var reply = redis.execute("MEMORY", "USAGE", key, "SAMPLES", "0");
        return reply == null ? 0 : reply.toLong();
    }

    private static double throughput(int count, Function<Integer, Uni<Void>> op) {
        Instant start = Instant.now();
        Multi.createFrom().range(0, count)
                .onItem().transformToUni(i -> op.apply(i)).merge(CONCURRENCY)
                .collect().last().await().atMost(Duration.ofMinutes(5));
        return count / (Duration.between(start, Instant.now()).toNanos() / 1e9);
    }

    private static NewSession login(String sub) {
        return new NewSession(sub, Instant.now(), List.of("pwd"), "urn:ssosuite:acr:pwd", CHROME_UA, "203.0.113.42",
                "intranet");
    }

    private static String rate(double[] runs) {
        double[] sorted = runs.clone();
        java.util.Arrays.sort(sorted);
        return String.format("%.0f (%.0f–%.0f)", sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
    }

    private static String row(String measure, String value) {
        return "| " + measure + " | " + value + " |\n";
    }
}
