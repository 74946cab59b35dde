package io.github.ssosuite.bench.peers;

import io.github.ssosuite.bench.oidc.Oidc;
import io.github.ssosuite.localstack.ServiceProcess;
import io.github.ssosuite.localstack.StackOptions;
import io.github.ssosuite.localstack.SuiteStack;
import io.github.ssosuite.localstack.infra.Binaries;
import io.github.ssosuite.localstack.infra.Ports;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * This suite, started as {@code ./suite up} starts it (real Redis, Kafka, PostgreSQL, the three services from their
 * built jars; no demo RPs), with the RPs registered through Dynamic Client Registration and the users written to
 * auth-server's {@code users} table with argon2id hashes at auth-server's own cost.
 */
public final class OurSuite implements Peer {

    private static final Pattern STARTED = Pattern.compile("started in ([0-9.]+)s");

    private final SuiteStack stack;
    private final Path dataDir;
    private final Map<Integer, Oidc.Client> clients = new LinkedHashMap<>();
    private final URI issuer;

    private final String name;

    public OurSuite(String root, URI rpBase, int rps, int users) throws Exception {
        this(root, rpBase, rps, users, "this suite", Map.of());
    }

    /**
     * This suite as a differently named peer with {@code serviceOverrides} in its services' environments: one setting
     * off against on, in the same run (peer {@code ours-jdk-crypto}).
     */
    public OurSuite(String root, URI rpBase, int rps, int users, String name, Map<String, String> serviceOverrides)
            throws Exception {
        this.name = name;
        dataDir = Binaries.traversableTempDir("sso-suite-bench-");
        StackOptions options = StackOptions.parse(new String[] {"up", "--root", root, "--data-dir", dataDir.toString(),
                "--redis-port", port(), "--kafka-port", Integer.toString(Ports.freeRun(2)), "--pg-port", port(),
                "--auth-port", port(), "--session-port", port(), "--dispatcher-port", port(), "--no-demo"}, Map.of());
        stack = SuiteStack.start(options, line -> System.err.println("[" + name + "] " + line), serviceOverrides);
        issuer = URI.create(stack.service("auth-server").baseUrl());
        seedUsers(users);
        for (int i = 1; i <= rps; i++) {
            clients.put(i, register(rpBase, i));
        }
    }

    public SuiteStack stack() {
        return stack;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public URI issuer() {
        return issuer;
    }

    @Override
    public Oidc.Client client(int rp) {
        return clients.get(rp);
    }

    @Override
    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (ServiceProcess service : stack.services()) {
            pids.put(service.name(), service.pid());
        }
        return pids;
    }

    @Override
    public Map<String, Long> startupMillis() {
        Map<String, Long> startup = new LinkedHashMap<>();
        for (ServiceProcess service : stack.services()) {
            try {
                Matcher m = STARTED.matcher(Files.readString(dataDir.resolve("logs").resolve(service.name() + ".log")));
                if (m.find()) {
                    startup.put(service.name(), Math.round(Double.parseDouble(m.group(1)) * 1000));
                }
            } catch (Exception ignored) {
                // no log: no figure
            }
        }
        return startup;
    }

    private Oidc.Client register(URI rpBase, int i) throws Exception {
        String rp = rpBase + "/rp" + i;
        String body = "{\"client_name\":\"rp" + i + "\",\"redirect_uris\":[\"" + rp + "/cb\"],"
                + "\"post_logout_redirect_uris\":[\"" + rp + "/after-logout\"],"
                + "\"backchannel_logout_uri\":\"" + rp + "/backchannel\",\"backchannel_logout_session_required\":true,"
                + "\"grant_types\":[\"authorization_code\",\"refresh_token\"],\"response_types\":[\"code\"],"
                + "\"token_endpoint_auth_method\":\"client_secret_basic\",\"id_token_signed_response_alg\":\"RS256\"}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(issuer + "/register")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("registering rp" + i + ": " + response.statusCode() + " " + response.body());
        }
        Map<String, String> values = Oidc.members(response.body());
        return new Oidc.Client(values.get("client_id"), values.get("client_secret"), URI.create(rp + "/cb"),
                URI.create(rp + "/after-logout"));
    }

    /** user1..userN with {@link #PASSWORD}; one salt for all (the verification cost is what matters here). */
    private void seedUsers(int users) throws Exception {
        var postgres = stack.infrastructure().postgres();
        String hash = argon2id(PASSWORD);
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), "sso", "sso");
                PreparedStatement insert = db.prepareStatement("INSERT INTO auth.users (id, username, email, "
                        + "email_verified, password_hash, disabled, created_at, updated_at) VALUES (?, ?, ?, true, ?, false, ?, ?)")) {
            Timestamp now = Timestamp.from(Instant.now());
            for (int u = 1; u <= users; u++) {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, username(u));
                insert.setString(3, username(u) + "@bench.example");
                insert.setString(4, hash);
                insert.setTimestamp(5, now);
                insert.setTimestamp(6, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** auth-server's PHC format and cost: argon2id, m=19456 KiB, t=2, p=1 (AuthServerConfig's defaults). */
    static String argon2id(String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(19456).withIterations(2)
                .withParallelism(1).withSalt(salt).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] hash = new byte[32];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), hash);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=19456,t=2,p=1$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    private static String port() {
        return Integer.toString(Ports.free());
    }

    @Override
    public void close() {
        stack.close();
        try {
            Binaries.deleteRecursively(dataDir);
        } catch (java.io.IOException e) {
            System.err.println("[ours] could not delete " + dataDir + ": " + e.getMessage());
        }
    }
}
