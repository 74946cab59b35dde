package io.github.ssosuite.bench;

import io.github.ssosuite.bench.oidc.Browser;
import io.github.ssosuite.bench.oidc.Oidc;
import io.github.ssosuite.bench.peers.ExternalPeer;
import io.github.ssosuite.bench.peers.OurSuite;
import io.github.ssosuite.bench.peers.Peer;
import io.github.ssosuite.localstack.infra.Ports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Issue 8: this suite side by side with Keycloak 26.7.3 and node-oidc-provider 9.13, one provider at a time on the
 * same machine, the same RPs ({@link RpReceiver}), users (argon2id m=19456,t=2,p=1) and RS256, driven by the same
 * RP code ({@link Oidc}):
 * <ol>
 * <li>silent SSO (prompt=none authorize, code, token with PKCE) at each concurrency;</li>
 * <li>password login flows (a fresh browser each time: authorize, the login form, code, token);</li>
 * <li>refresh-token grants (each worker its own rotating chain);</li>
 * <li>logout fan-out: one session joined by 10 RPs, RP-initiated logout, time from the request to the 10th
 * back-channel POST; and a variant where 9 RPs take 50 ms to answer and one never answers (time to the 9th).</li>
 * </ol>
 * Then resident memory and startup per process. Writes a Markdown table, CSV and PNG plots.
 */
final class Compare {

    static final int RPS = 10;
    static final int USERS = 100;

    private final Path root;
    private final List<String> peers;
    private final List<Integer> concurrencies;
    private final Duration warmup;
    private final Duration measure;
    private final int runs;
    private final int logouts;
    private final Path out;
    private final List<String> scenarios;

    /** peer → metric → value (numbers for the table), and samples for the plots. */
    private final Map<String, Map<String, Double>> table = new LinkedHashMap<>();
    private final Map<String, Map<String, List<Double>>> samples = new LinkedHashMap<>();
    private final Map<String, String> notes = new LinkedHashMap<>();

    Compare(Path root, List<String> peers, List<Integer> concurrencies, Duration warmup, Duration measure, int runs,
            int logouts, Path out, List<String> scenarios) {
        this.scenarios = scenarios;
        this.root = root;
        this.peers = peers;
        this.concurrencies = concurrencies;
        this.warmup = warmup;
        this.measure = measure;
        this.runs = runs;
        this.logouts = logouts;
        this.out = out;
    }

    void run() throws Exception {
        Files.createDirectories(out);
        try (RpReceiver rps = new RpReceiver(RPS)) {
            for (String name : peers) {
                System.err.println("=== " + name);
                try (Peer peer = start(name, rps)) {
                    measure(peer, rps);
                } catch (Exception e) {
                    System.err.println("!!! " + name + " failed: " + e);
                    e.printStackTrace();
                    notes.put(name, "failed: " + e.getMessage());
                }
            }
        }
        report();
    }

    private Peer start(String name, RpReceiver rps) throws Exception {
        return switch (name) {
            case "ours" -> new OurSuite(root.toString(), rps.base(), RPS, USERS);
            // before/after for the OpenSSL-backed provider: the same suite with the JDK's providers signing
            case "ours-jdk-crypto" -> new OurSuite(root.toString(), rps.base(), RPS, USERS, "this suite, JDK crypto",
                    Map.of("AUTH_KEYS_NATIVE_CRYPTO", "false", "DISPATCHER_KEYS_NATIVE_CRYPTO", "false"));
            case "keycloak" -> ExternalPeer.keycloak(root, Ports.freeRun(2), rps.base(), RPS, USERS);
            case "node-oidc-provider" -> ExternalPeer.nodeOidcProvider(root, Ports.free(), rps.base(), RPS, USERS);
            default -> throw new IllegalArgumentException("unknown peer " + name + " (ours, ours-jdk-crypto, keycloak, node-oidc-provider)");
        };
    }

    private void measure(Peer peer, RpReceiver rps) throws Exception {
        String name = peer.name();
        Map<String, Double> row = table.computeIfAbsent(name, k -> new LinkedHashMap<>());
        Map<String, List<Double>> mine = samples.computeIfAbsent(name, k -> new LinkedHashMap<>());
        Oidc oidc = new Oidc(peer.issuer(), "openid");
        rps.answer(new int[RPS + 1]);

        // 1. silent SSO: each worker a browser with a live session; prompt=none for RPs 2..10 in turn
        for (int c : scenarios.contains("silent") ? concurrencies : List.<Integer>of()) {
            Browser[] browsers = new Browser[c];
            int[] turn = new int[c];
            LoadSeries silent = series(runs, () -> Load.run(c, warmup, measure, w -> {
                browsers[w] = new Browser();
                oidc.passwordLogin(browsers[w], peer.client(1), peer.username(1 + w % USERS), Peer.PASSWORD);
            }, w -> oidc.silent(browsers[w], peer.client(2 + (turn[w]++ % (RPS - 1))))));
            silent.into(row, mine, "silent SSO c=" + c);
        }

        // 2. password login: a new browser for each flow (no session), 16 at a time
        if (scenarios.contains("login")) {
        LoadSeries logins = series(runs, () -> Load.run(16, warmup, measure, w -> { },
                w -> oidc.passwordLogin(new Browser(), peer.client(1),
                        peer.username(1 + ThreadLocalRandom.current().nextInt(USERS)), Peer.PASSWORD)));
        logins.into(row, mine, "password login c=16");
        }

        // 3. refresh grants: each worker rotates its own refresh token
        for (int c : scenarios.contains("refresh") ? concurrencies : List.<Integer>of()) {
            String[] refresh = new String[c];
            LoadSeries grants = series(runs, () -> Load.run(c, warmup, measure, w -> {
                refresh[w] = oidc.passwordLogin(new Browser(), peer.client(1), peer.username(1 + w % USERS),
                        Peer.PASSWORD).refreshToken();
            }, w -> refresh[w] = oidc.refresh(peer.client(1), refresh[w]).refreshToken()));
            grants.into(row, mine, "refresh c=" + c);
        }

        // 4. logout fan-out to 10 instant RPs, then 9 RPs answering in 50 ms and one never answering
        if (scenarios.contains("fanout")) {
            fanOut(peer, oidc, rps, new int[RPS + 1], RPS, row, mine, "fan-out 10 RPs");
            int[] slow = new int[RPS + 1];
            java.util.Arrays.fill(slow, 50);
            slow[RPS] = -1;
            fanOut(peer, oidc, rps, slow, RPS - 1, row, mine, "fan-out 9×50 ms + 1 dead");
        }
        rps.answer(new int[RPS + 1]);

        // 5. mass revocation (this suite's REST API): 10,000 sessions of 1,000 users, each joined by 3 RPs
        if (scenarios.contains("revoke") && peer instanceof OurSuite suite) {
            MassRevocation.run(suite, rps, row);
        }

        // 6. resident memory and startup
        long rss = 0;
        for (var pid : peer.pids().entrySet()) {
            long kib = rssKib(pid.getValue());
            rss += kib;
            row.put("RSS MiB " + pid.getKey(), kib / 1024.0);
        }
        row.put("RSS MiB (services)", rss / 1024.0);
        peer.startupMillis().forEach((process, ms) -> row.put("startup ms " + process, (double) ms));
        if (peer instanceof OurSuite suite) {
            long infra = 0;
            for (var pid : suite.stack().infrastructure().pids().entrySet()) {
                long kib = rssKib(pid.getValue());
                infra += kib;
                row.put("RSS MiB infra " + pid.getKey(), kib / 1024.0);
            }
            row.put("RSS MiB (Redis+Kafka+PostgreSQL)", infra / 1024.0);
        }
    }

    /**
     * Logouts one after another, each of a fresh session joined by all RPs (login at RP 1, silent SSO at the
     * others); from the end-session request to the {@code waitFor}-th RP's POST (RPs 1..waitFor).
     */
    private void fanOut(Peer peer, Oidc oidc, RpReceiver rps, int[] delays, int waitFor, Map<String, Double> row,
            Map<String, List<Double>> mine, String label) throws Exception {
        rps.answer(delays);
        List<Double> fan = new ArrayList<>();
        List<Double> response = new ArrayList<>();
        int warm = 3;
        int incomplete = 0;
        for (int round = 0; round < warm + logouts; round++) {
            Browser browser = new Browser();
            Oidc.Tokens first = oidc.passwordLogin(browser, peer.client(1), peer.username(1 + round % USERS), Peer.PASSWORD);
            for (int rp = 2; rp <= RPS; rp++) {
                oidc.silent(browser, peer.client(rp));
            }
            Thread.sleep(200); // let the joins settle everywhere before the clock starts
            rps.clear();
            long t0 = System.nanoTime();
            oidc.logout(browser, peer.client(1), first.idToken());
            long answered = System.nanoTime();
            long deadline = t0 + Duration.ofSeconds(20).toNanos();
            Map<Integer, Long> firstArrival = new TreeMap<>();
            while (System.nanoTime() < deadline) {
                for (RpReceiver.Arrival a : rps.arrivals()) {
                    if (a.rp() <= waitFor && a.at() >= t0) {
                        firstArrival.merge(a.rp(), a.at(), Math::min);
                    }
                }
                if (firstArrival.size() >= waitFor) {
                    break;
                }
                Thread.sleep(1);
            }
            if (round < warm) {
                continue;
            }
            response.add((answered - t0) / 1e6);
            if (firstArrival.size() < waitFor) {
                incomplete++;
                continue;
            }
            long last = firstArrival.values().stream().max(Comparator.naturalOrder()).orElseThrow();
            fan.add((last - t0) / 1e6);
        }
        Stats s = new Stats(fan);
        Stats r = new Stats(response);
        row.put(label + " median ms", s.median());
        row.put(label + " p99 ms", s.percentile(99));
        row.put(label + " logout response median ms", r.median());
        row.put(label + " incomplete", (double) incomplete);
        mine.put(label, fan);
        System.err.printf(Locale.ROOT, "[%s] %s: median %.1f ms, p99 %.1f ms, response %.1f ms, incomplete %d/%d%n",
                peer.name(), label, s.median(), s.percentile(99), r.median(), incomplete, logouts);
        if (incomplete > 0) {
            notes.merge(peer.name(), label + ": " + incomplete + " of " + logouts
                    + " logouts did not reach all " + waitFor + " RPs within 20 s", (a, b) -> a + "; " + b);
        }
    }

    interface Measured {
        Load.Result get() throws Exception;
    }

    /** Several runs of one load: throughput per run, latencies of all runs together. */
    record LoadSeries(List<Load.Result> results) {

        void into(Map<String, Double> row, Map<String, List<Double>> samples, String label) {
            List<Double> rates = results.stream().map(Load.Result::perSecond).sorted().toList();
            List<Double> all = new ArrayList<>();
            long errors = 0;
            String error = null;
            for (Load.Result r : results) {
                all.addAll(r.samples());
                errors += r.errors();
                error = error == null ? r.firstError() : error;
            }
            Stats latency = new Stats(all);
            row.put(label + " /s", rates.get(rates.size() / 2));
            row.put(label + " p50 ms", latency.median());
            row.put(label + " p99 ms", latency.percentile(99));
            row.put(label + " errors", (double) errors);
            samples.put(label, all);
            System.err.printf(Locale.ROOT, "  %s: %s /s (runs), p50 %.1f ms, p99 %.1f ms, errors %d%s%n", label,
                    rates.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList(), latency.median(),
                    latency.percentile(99), errors, error == null ? "" : " (first: " + error + ")");
        }
    }

    private static LoadSeries series(int runs, Measured measured) throws Exception {
        List<Load.Result> results = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            results.add(measured.get());
        }
        return new LoadSeries(results);
    }

    /** Resident memory of the process and everything it started (Keycloak's kc.sh runs the JVM as a child). */
    static long rssKib(long pid) {
        long total = ownRssKib(pid);
        var handle = ProcessHandle.of(pid);
        if (handle.isPresent()) {
            for (ProcessHandle child : handle.get().descendants().toList()) {
                total += ownRssKib(child.pid());
            }
        }
        return total;
    }

    private static long ownRssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception ignored) {
            // not on Linux, or gone
        }
        return 0;
    }

    private void report() throws Exception {
        List<String> names = new ArrayList<>(table.keySet());
        String ours = names.stream().filter(n -> n.equals("this suite")).findFirst().orElse(null);
        List<String> metrics = new ArrayList<>();
        table.values().forEach(row -> row.keySet().forEach(k -> {
            if (!metrics.contains(k)) {
                metrics.add(k);
            }
        }));
        StringBuilder md = new StringBuilder();
        md.append("| measure | ").append(String.join(" | ", names));
        List<String> others = names.stream().filter(n -> !n.equals(ours)).toList();
        if (ours != null) {
            others.forEach(o -> md.append(" | ours ÷ ").append(o));
        }
        md.append(" |\n|---|").append("---|".repeat(names.size() + (ours == null ? 0 : others.size()))).append('\n');
        for (String metric : metrics) {
            md.append("| ").append(metric);
            for (String n : names) {
                Double v = table.get(n).get(metric);
                md.append(" | ").append(v == null ? "–" : fmt(v));
            }
            if (ours != null) {
                for (String o : others) {
                    Double a = table.get(ours).get(metric);
                    Double b = table.get(o).get(metric);
                    md.append(" | ").append(a == null || b == null || b == 0 || a.isNaN() || b.isNaN() ? "–"
                            : String.format(Locale.ROOT, "%.2f", a / b));
                }
            }
            md.append(" |\n");
        }
        notes.forEach((peer, note) -> md.append("\n- ").append(peer).append(": ").append(note));
        String header = "Run " + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + " on "
                + Runtime.getRuntime().availableProcessors() + " cores; warm-up " + warmup.toSeconds() + " s, "
                + measure.toSeconds() + " s measured × " + runs + " runs; " + logouts + " logouts per fan-out.\n\n";
        System.out.println(header + md);
        Files.writeString(out.resolve("results.md"), header + md);

        StringBuilder csv = new StringBuilder("peer,measure,value\n");
        table.forEach((peer, row) -> row.forEach((k, v) -> csv.append(peer).append(',').append(k.replace(',', ';'))
                .append(',').append(v).append('\n')));
        Files.writeString(out.resolve("results.csv"), csv.toString());

        // plots: throughput vs concurrency; latency CDFs
        Map<String, List<double[]>> silentRate = new LinkedHashMap<>();
        Map<String, List<double[]>> refreshRate = new LinkedHashMap<>();
        for (String n : names) {
            List<double[]> s = new ArrayList<>();
            List<double[]> r = new ArrayList<>();
            for (int c : concurrencies) {
                Double sv = table.get(n).get("silent SSO c=" + c + " /s");
                Double rv = table.get(n).get("refresh c=" + c + " /s");
                if (sv != null) {
                    s.add(new double[] {c, sv});
                }
                if (rv != null) {
                    r.add(new double[] {c, rv});
                }
            }
            silentRate.put(n, s);
            refreshRate.put(n, r);
        }
        Plots.lines(out.resolve("silent-sso-throughput.png"), "Silent SSO flows per second vs concurrency",
                "concurrent browsers", "flows/s", silentRate, false);
        Plots.lines(out.resolve("refresh-throughput.png"), "Refresh grants per second vs concurrency",
                "concurrent clients", "grants/s", refreshRate, false);
        plotCdf("silent SSO c=" + concurrencies.get(0), "silent-sso-latency.png", "Silent SSO latency (c="
                + concurrencies.get(0) + "), CDF", names);
        plotCdf("refresh c=" + concurrencies.get(0), "refresh-latency.png", "Refresh grant latency (c="
                + concurrencies.get(0) + "), CDF", names);
        plotCdf("fan-out 10 RPs", "fanout-latency.png", "Logout to the 10th back-channel POST, CDF", names);
        plotCdf("fan-out 9×50 ms + 1 dead", "fanout-slow-latency.png",
                "Logout to the 9th answering RP (9×50 ms + 1 dead), CDF", names);
        System.err.println("results in " + out);
    }

    private void plotCdf(String label, String file, String title, List<String> names) throws Exception {
        Map<String, List<Double>> data = new LinkedHashMap<>();
        for (String n : names) {
            List<Double> s = samples.get(n).get(label);
            if (s != null && !s.isEmpty()) {
                data.put(n, s);
            }
        }
        Plots.lines(out.resolve(file), title, "milliseconds", "fraction of flows", Plots.cdf(data), true);
    }

    private static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    static <T> List<T> list(String csv, Function<String, T> parse) {
        return java.util.Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(parse).toList();
    }
}
