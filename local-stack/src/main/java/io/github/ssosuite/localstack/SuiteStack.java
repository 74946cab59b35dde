package io.github.ssosuite.localstack;

import io.github.ssosuite.localstack.infra.Binaries;
import io.github.ssosuite.localstack.infra.LocalInfrastructure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The whole suite on one machine: the infrastructure, then session-service, auth-server and
 * logout-dispatcher, each waited for until its readiness check is UP. Closing stops everything in reverse.
 * {@code ./suite up} and the end-to-end tests both run it.
 */
public final class SuiteStack implements AutoCloseable {

    /** The demo user auth-server seeds in the local stack. */
    public static final String DEMO_USERNAME = "demo";
    public static final String DEMO_PASSWORD = "demo-password";

    private final StackOptions options;
    private final LocalInfrastructure infrastructure;
    private final List<ServiceProcess> services = new ArrayList<>();
    private final Map<String, Map<String, String>> environments = new LinkedHashMap<>();

    private final Map<String, String> serviceOverrides;

    private SuiteStack(StackOptions options, LocalInfrastructure infrastructure, Map<String, String> serviceOverrides) {
        this.options = options;
        this.infrastructure = infrastructure;
        this.serviceOverrides = Map.copyOf(serviceOverrides);
    }

    public static SuiteStack start(StackOptions options, Consumer<String> progress) throws IOException {
        return start(options, progress, Map.of());
    }

    /**
     * Starts the stack with {@code serviceOverrides} added last to each of the three services' environments (the
     * benchmarks compare one setting on and off in one run, e.g. {@code AUTH_KEYS_NATIVE_CRYPTO=false}).
     */
    public static SuiteStack start(StackOptions options, Consumer<String> progress, Map<String, String> serviceOverrides)
            throws IOException {
        if (options.reset()) {
            progress.accept("deleting " + options.dataDir());
            Binaries.deleteRecursively(options.dataDir());
        }
        Files.createDirectories(options.dataDir());
        var ports = new LocalInfrastructure.PortPlan(options.redisPort(), options.kafkaPort(),
                options.kafkaPort() + 1, options.postgresPort());
        LocalInfrastructure infra = LocalInfrastructure.start(options.dataDir(), ports, true, 3, progress);
        SuiteStack stack = new SuiteStack(options, infra, serviceOverrides);
        try {
            if (options.withServices()) {
                stack.startServices(progress);
            }
            return stack;
        } catch (IOException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startServices(Consumer<String> progress) throws IOException {
        Path logs = options.dataDir().resolve("logs");
        Map<String, String> common = new LinkedHashMap<>(infrastructure.serviceEnvironment());
        // a developer reads these logs: plain text (production's default is JSON)
        common.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        // traces go to a collector when one is named (OTLP over http/protobuf); otherwise tracing is off
        if (options.otlpEndpoint() == null) {
            common.put("QUARKUS_OTEL_SDK_DISABLED", "true");
        } else {
            common.put("QUARKUS_OTEL_SDK_DISABLED", "false");
            common.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", options.otlpEndpoint());
            common.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf");
            common.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "1S");
        }

        String issuer = "http://localhost:" + options.authPort();
        Map<String, String> session = new LinkedHashMap<>(common);
        // session-service takes bearer tokens that auth-server signs
        session.put("MP_JWT_VERIFY_ISSUER", issuer);
        session.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", issuer + "/jwks");
        Map<String, String> auth = new LinkedHashMap<>(common);
        String kek = keyEncryptionKey();
        auth.put("AUTH_KEYS_ENCRYPTION_KEY", kek);
        auth.put("AUTH_ISSUER", issuer);
        auth.put("AUTH_SESSION_SERVICE_URL", "http://localhost:" + options.sessionPort());
        // the end-session endpoint asks the dispatcher when its back-channel deliveries had their first attempt
        auth.put("AUTH_LOGOUT_DISPATCHER_URL", "http://localhost:" + options.dispatcherPort());
        // a plain-http machine-local setup: http cookies, open registration of localhost RPs
        auth.put("AUTH_COOKIES_SECURE", "false");
        auth.put("AUTH_REGISTRATION_OPEN", "true");
        auth.put("AUTH_REGISTRATION_ALLOW_HTTP_REDIRECTS", "true");
        auth.put("AUTH_REGISTRATION_ALLOW_HTTP_LOGOUT_URIS", "true");
        auth.put("AUTH_REGISTRATION_ALLOW_PRIVATE_LOGOUT_TARGETS", "true");
        auth.put("AUTH_DEMO_USER_ENABLED", "true");
        auth.put("AUTH_DEMO_USER_USERNAME", DEMO_USERNAME);
        auth.put("AUTH_DEMO_USER_PASSWORD", DEMO_PASSWORD);
        Map<String, String> dispatcher = new LinkedHashMap<>(common);
        // the dispatcher signs logout tokens with the OP's key; the demo RPs listen on localhost over http
        dispatcher.put("DISPATCHER_ISSUER", issuer);
        dispatcher.put("MP_JWT_VERIFY_ISSUER", issuer);
        dispatcher.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", issuer + "/jwks");
        dispatcher.put("DISPATCHER_KEYS_ENCRYPTION_KEY", kek);
        dispatcher.put("DISPATCHER_OUTBOUND_ALLOW_PRIVATE_TARGETS", "true");
        dispatcher.put("DISPATCHER_OUTBOUND_REQUIRE_HTTPS", "false");

        demoClients(auth);
        operatorClient(auth);
        for (Map<String, String> env : List.of(session, auth, dispatcher)) {
            env.putAll(serviceOverrides);
        }

        environments.put("session-service", session);
        environments.put("auth-server", auth);
        environments.put("logout-dispatcher", dispatcher);
        progress.accept("starting session-service on port " + options.sessionPort());
        services.add(ServiceProcess.start(options.root(), "session-service", options.sessionPort(), session, logs));
        progress.accept("starting auth-server on port " + options.authPort());
        services.add(ServiceProcess.start(options.root(), "auth-server", options.authPort(), auth, logs));
        progress.accept("starting logout-dispatcher on port " + options.dispatcherPort());
        services.add(ServiceProcess.start(options.root(), "logout-dispatcher", options.dispatcherPort(), dispatcher,
                logs));
        for (ServiceProcess service : services) {
            service.awaitReady(Duration.ofSeconds(180));
            progress.accept(service.name() + " is ready");
        }
        startDemoRps(issuer, logs, progress);
    }

    /**
     * The demo RPs (issue 6) as auth-server's seeded clients: confidential, with back- and front-channel logout
     * (sid required), the post-logout page, and the Session Management probe page as a second redirect URI.
     */
    private void demoClients(Map<String, String> auth) {
        if (options.demoPort() == 0) {
            return;
        }
        for (int i = 0; i < StackOptions.DEMO_APPS.size(); i++) {
            String app = StackOptions.DEMO_APPS.get(i);
            String base = demoUrl(i);
            String prefix = "AUTH_CLIENTS_" + app.toUpperCase(java.util.Locale.ROOT) + "_";
            auth.put(prefix + "SECRET", demoSecret(app));
            auth.put(prefix + "NAME", Character.toUpperCase(app.charAt(0)) + app.substring(1));
            auth.put(prefix + "REDIRECT_URIS", base + "/callback," + base + "/session-probe");
            auth.put(prefix + "POST_LOGOUT_REDIRECT_URIS", base + "/signed-out");
            auth.put(prefix + "BACKCHANNEL_LOGOUT_URI", base + "/back-channel-logout");
            auth.put(prefix + "FRONTCHANNEL_LOGOUT_URI", base + "/front-channel-logout");
        }
    }

    private void startDemoRps(String issuer, Path logs, Consumer<String> progress) throws IOException {
        if (options.demoPort() == 0) {
            return;
        }
        List<ServiceProcess> demos = new ArrayList<>();
        for (int i = 0; i < StackOptions.DEMO_APPS.size(); i++) {
            String app = StackOptions.DEMO_APPS.get(i);
            List<String> siblings = new ArrayList<>();
            for (int j = 0; j < StackOptions.DEMO_APPS.size(); j++) {
                if (j != i) {
                    siblings.add(demoUrl(j));
                }
            }
            Map<String, String> env = new LinkedHashMap<>();
            env.put("QUARKUS_OIDC_AUTH_SERVER_URL", issuer);
            env.put("QUARKUS_OIDC_CLIENT_ID", app);
            env.put("QUARKUS_OIDC_CREDENTIALS_SECRET", demoSecret(app));
            env.put("DEMO_SIBLINGS", String.join(",", siblings));
            env.put("DEMO_OP_CHECK_SESSION_IFRAME", issuer + "/session/check");
            environments.put(app, env);
            progress.accept("starting demo RP " + app + " on port " + (options.demoPort() + i));
            demos.add(ServiceProcess.start(options.root(), "demo-rp", app, options.demoPort() + i, env, logs));
        }
        for (ServiceProcess demo : demos) {
            demo.awaitReady(Duration.ofSeconds(120));
            services.add(demo);
            progress.accept(demo.name() + " is ready");
        }
    }

    /** The base URL of demo RP number {@code index}: always localhost, the name its URIs are registered with. */
    public String demoUrl(int index) {
        return "http://localhost:" + (options.demoPort() + index);
    }

    /** A demo RP's client secret: fixed, these are demo clients on loopback. */
    public static String demoSecret(String app) {
        return app + "-demo-secret";
    }

    /**
     * The key-encryption key of the signing keys, made once per data directory (file {@code signing-kek}, owner
     * only) so the keys stored in PostgreSQL stay readable across restarts.
     */
    private String keyEncryptionKey() throws IOException {
        return dataDirSecret("signing-kek", java.util.Base64.getEncoder()::encodeToString);
    }

    /** The operator client's id: seeded with every operator scope (dynamic registration cannot get them). */
    public static final String OPERATOR_CLIENT_ID = "operator";

    /** The operator client's secret, made once per data directory (file {@code operator-secret}, owner only). */
    public String operatorSecret() throws IOException {
        return dataDirSecret("operator-secret", java.util.HexFormat.of()::formatHex); // hex: safe in Basic and forms
    }

    /**
     * An operator-configured client_credentials client holding the operator scopes (end or re-drive sessions' logouts,
     * rotate keys): the only way to such a token, since auth-server refuses them to registered clients.
     */
    private void operatorClient(Map<String, String> auth) throws IOException {
        String prefix = "AUTH_CLIENTS_" + OPERATOR_CLIENT_ID.toUpperCase(java.util.Locale.ROOT) + "_";
        auth.put(prefix + "SECRET", operatorSecret());
        auth.put(prefix + "NAME", "Local operator");
        auth.put(prefix + "GRANT_TYPES", "client_credentials");
        auth.put(prefix + "SCOPE", "sessions:read sessions:write sessions:end deliveries:read deliveries:redrive "
                + "keys:read keys:rotate");
    }

    private String dataDirSecret(String name, java.util.function.Function<byte[], String> encoding) throws IOException {
        Path file = options.dataDir().resolve(name);
        if (!Files.exists(file)) {
            byte[] bytes = new byte[32];
            new java.security.SecureRandom().nextBytes(bytes);
            Files.writeString(file, encoding.apply(bytes));
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
        return Files.readString(file).trim();
    }

    /** Kills a service as a crash would (SIGKILL), starts it again with the same settings, waits until ready. */
    public ServiceProcess crashAndRestart(String name) throws IOException {
        ServiceProcess old = service(name);
        old.kill();
        int port = Integer.parseInt(old.baseUrl().substring(old.baseUrl().lastIndexOf(':') + 1));
        String module = StackOptions.DEMO_APPS.contains(name) ? "demo-rp" : name;
        ServiceProcess fresh = ServiceProcess.start(options.root(), module, name, port, environments.get(name),
                options.dataDir().resolve("logs"));
        services.set(services.indexOf(old), fresh);
        fresh.awaitReady(Duration.ofSeconds(120));
        return fresh;
    }

    public LocalInfrastructure infrastructure() {
        return infrastructure;
    }

    public List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    public ServiceProcess service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    /** Every process this stack started, for {@code ./suite down} from another terminal. */
    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (int i = services.size() - 1; i >= 0; i--) {
            pids.put(services.get(i).name(), services.get(i).pid());
        }
        pids.putAll(infrastructure.pids());
        return pids;
    }

    public String summary() {
        StringBuilder out = new StringBuilder();
        out.append("\nThe SSO suite is up.\n\n");
        if (!services.isEmpty()) {
            out.append(String.format("  %-18s %s%n", "auth-server", "http://localhost:" + options.authPort()
                    + "  (the OpenID Provider; OpenAPI at /q/openapi)"));
            out.append(String.format("  %-18s %s%n", "session-service", "http://localhost:" + options.sessionPort()
                    + "  (OpenAPI at /q/openapi)"));
            out.append(String.format("  %-18s %s%n", "logout-dispatcher", "http://localhost:" + options.dispatcherPort()));
            out.append("  health: /q/health/ready on each service, Prometheus metrics: /q/metrics\n");
            for (int i = 0; options.demoPort() != 0 && i < StackOptions.DEMO_APPS.size(); i++) {
                out.append(String.format("  %-18s %s%n", "demo RP " + StackOptions.DEMO_APPS.get(i), demoUrl(i)));
            }
            out.append("  Your sessions: http://localhost:" + options.authPort() + "/account\n\n");
            out.append("  Demo user: " + DEMO_USERNAME + " / " + DEMO_PASSWORD + "\n");
            out.append("  Operator client (client_credentials, every admin scope): " + OPERATOR_CLIENT_ID
                    + ", secret in " + options.dataDir().resolve("operator-secret") + "\n\n");
        }
        out.append(String.format("  %-18s %s%n", "Redis", infrastructure.redis().uri()));
        out.append(String.format("  %-18s %s%n", "Kafka", infrastructure.kafka().bootstrapServers()));
        out.append(String.format("  %-18s %s  (user %s, password %s)%n", "PostgreSQL",
                infrastructure.postgres().jdbcUrl(), "sso", "sso"));
        out.append("\n  Data and logs: " + options.dataDir() + "\n");
        out.append("  Stop: Ctrl-C here, or ./suite down from another terminal.\n");
        return out.toString();
    }

    @Override
    public void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).stop();
        }
        services.clear();
        infrastructure.close();
    }
}
