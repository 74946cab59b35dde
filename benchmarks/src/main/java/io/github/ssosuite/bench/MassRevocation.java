package io.github.ssosuite.bench;

import io.github.ssosuite.bench.oidc.Browser;
import io.github.ssosuite.bench.oidc.Oidc;
import io.github.ssosuite.bench.peers.OurSuite;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 8, scenario 5: 10,000 sessions of 1,000 users, each joined by 3 RPs, made through session-service's REST
 * API (as auth-server makes them), then revoked over the same API, as a password-reset job or an operator would:
 * <ul>
 * <li>user by user ({@code DELETE /users/{sub}/sessions}): one user-wide event per user, so each RP gets one
 * {@code sub}-only logout token per user (checklist P5): 3,000 deliveries;</li>
 * <li>session by session ({@code DELETE /sessions/{sid}}): one event per session with its {@code sid}: 30,000
 * deliveries.</li>
 * </ul>
 * Measured: from the first DELETE to the last back-channel POST received, and deliveries per second.
 */
final class MassRevocation {

    static final int USERS = 1000;
    static final int SESSIONS_PER_USER = 10;
    static final int CONCURRENCY = 32;

    private MassRevocation() {
    }

    static void run(OurSuite suite, RpReceiver rps, Map<String, Double> row) throws Exception {
        String auth = suite.stack().service("auth-server").baseUrl();
        String sessions = suite.stack().service("session-service").baseUrl();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String token = serviceToken(auth, suite, "sessions:write sessions:end");
        String[] rpIds = {suite.client(1).id(), suite.client(2).id(), suite.client(3).id()};
        rps.answer(new int[Compare.RPS + 1]);
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            List<String> sids = create(http, pool, sessions, token, rpIds);
            row.put("mass revocation: sessions created", (double) sids.size());
            measure(rps, row, "by user (3,000 sub-only tokens)", USERS * 3, pool, u -> http.send(HttpRequest.newBuilder(
                    URI.create(sessions + "/users/user" + (u + 1) + "/sessions?reason=password_reset"))
                    .header("Authorization", "Bearer " + token).DELETE().build(), HttpResponse.BodyHandlers.discarding()),
                    USERS);
            List<String> again = create(http, pool, sessions, token, rpIds);
            measure(rps, row, "by session (30,000 sid tokens)", again.size() * 3, pool, i -> http.send(
                    HttpRequest.newBuilder(URI.create(sessions + "/sessions/" + again.get(i) + "?reason=admin"))
                            .header("Authorization", "Bearer " + token).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding()), again.size());

            // the same with ES256 logout tokens: the signing key rotated at once (mode=compromised), the dispatcher
            // picking it up within its 30 s key cache; shows what limits deliveries once RSA signing does not
            es256(http, pool, rps, row, suite, auth, sessions, rpIds);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void es256(HttpClient http, ExecutorService pool, RpReceiver rps, Map<String, Double> row,
            OurSuite suite, String auth, String sessions, String[] rpIds) {
        try {
            HttpResponse<String> rotated = http.send(HttpRequest.newBuilder(URI.create(
                            auth + "/admin/keys/rotate?mode=compromised&alg=ES256"))
                    .header("Authorization", "Bearer " + serviceToken(auth, suite, "keys:rotate"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (rotated.statusCode() / 100 != 2) {
                throw new IllegalStateException("rotating to ES256: " + rotated.statusCode() + " " + rotated.body());
            }
            Thread.sleep(31_000);
            String es256Token = serviceToken(auth, suite, "sessions:write sessions:end");
            List<String> third = create(http, pool, sessions, es256Token, rpIds);
            measure(rps, row, "by session, ES256 (30,000 sid tokens)", third.size() * 3, pool, i -> http.send(
                    HttpRequest.newBuilder(URI.create(sessions + "/sessions/" + third.get(i) + "?reason=admin"))
                            .header("Authorization", "Bearer " + es256Token).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding()), third.size());
        } catch (Exception e) {
            System.err.println("[mass revocation] the ES256 variant failed: " + e);
        }
    }

    interface Call {
        HttpResponse<Void> send(int index) throws Exception;
    }

    private static void measure(RpReceiver rps, Map<String, Double> row, String label, int expected,
            ExecutorService pool, Call call, int calls) throws Exception {
        Thread.sleep(2000); // the joins' own traffic settles
        long before = rps.total();
        long t0 = System.nanoTime();
        AtomicLong failed = new AtomicLong();
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            int index = i;
            sent.add(pool.submit(() -> {
                if (call.send(index).statusCode() != 200) {
                    failed.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : sent) {
            f.get();
        }
        double apiSeconds = (System.nanoTime() - t0) / 1e9;
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        long lastChange = System.nanoTime();
        long seen = 0;
        while (rps.total() - before < expected && System.nanoTime() < deadline
                && System.nanoTime() - lastChange < Duration.ofSeconds(60).toNanos()) {
            long now = rps.total() - before;
            if (now != seen) {
                seen = now;
                lastChange = System.nanoTime();
            }
            Thread.sleep(20);
        }
        long delivered = rps.total() - before;
        double seconds = (System.nanoTime() - t0) / 1e9;
        row.put("mass revocation " + label + ": API calls s", apiSeconds);
        row.put("mass revocation " + label + ": all delivered s", seconds);
        row.put("mass revocation " + label + ": deliveries/s", delivered / seconds);
        row.put("mass revocation " + label + ": delivered", (double) delivered);
        System.err.printf(Locale.ROOT, "[mass revocation] %s: %d calls in %.1f s (%d failed), %d of %d deliveries in %.1f s = %.0f/s%n",
                label, calls, apiSeconds, failed.get(), delivered, expected, seconds, delivered / seconds);
    }

    private static List<String> create(HttpClient http, ExecutorService pool, String sessions, String token,
            String[] rpIds) throws Exception {
        long t0 = System.nanoTime();
        List<Future<String>> made = new ArrayList<>();
        for (int u = 1; u <= USERS; u++) {
            for (int s = 0; s < SESSIONS_PER_USER; s++) {
                int user = u;
                made.add(pool.submit(() -> {
                    HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(sessions + "/sessions"))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"sub\":\"user" + user + "\",\"client_id\":\""
                                    + rpIds[0] + "\",\"user_agent\":\"bench\",\"ip\":\"127.0.0.1\"}")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    String sid = Oidc.members(created.body()).get("sid");
                    if (created.statusCode() != 201 || sid == null) {
                        throw new IllegalStateException("create: " + created.statusCode() + " " + created.body());
                    }
                    for (int rp = 1; rp < rpIds.length; rp++) {
                        HttpResponse<Void> joined = http.send(HttpRequest.newBuilder(URI.create(sessions + "/sessions/"
                                        + sid + "/clients")).header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"client_id\":\"" + rpIds[rp] + "\"}")).build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (joined.statusCode() != 200) {
                            throw new IllegalStateException("join: " + joined.statusCode());
                        }
                    }
                    return sid;
                }));
            }
        }
        List<String> sids = new ArrayList<>();
        for (Future<String> f : made) {
            sids.add(f.get());
        }
        System.err.printf(Locale.ROOT, "[mass revocation] %d sessions with 3 RPs each made in %.1f s%n", sids.size(),
                (System.nanoTime() - t0) / 1e9);
        return sids;
    }

    /** A token of the local stack's seeded operator client (registration cannot get operator scopes). */
    private static String serviceToken(String auth, OurSuite suite, String scope) throws Exception {
        String credentials = io.github.ssosuite.localstack.SuiteStack.OPERATOR_CLIENT_ID + ":"
                + suite.stack().operatorSecret();
        HttpResponse<String> response = Browser.postBackChannel(URI.create(auth + "/token"),
                Map.of("grant_type", "client_credentials", "scope", scope),
                "Basic " + java.util.Base64.getEncoder().encodeToString(credentials.getBytes()));
        String token = Oidc.members(response.body()).get("access_token");
        if (token == null) {
            throw new IllegalStateException("operator token: " + response.body());
        }
        return token;
    }
}
