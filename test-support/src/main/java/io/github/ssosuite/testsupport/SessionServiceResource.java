package io.github.ssosuite.testsupport;

import io.github.ssosuite.localstack.ServiceProcess;
import io.github.ssosuite.localstack.infra.Ports;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The real session-service (its packaged jar, in its own JVM) beside an auth-server under test, on the test run's
 * Redis and Kafka. auth-server's test port is fixed here, because session-service must know its issuer and JWKS
 * before either starts; both verify each other's tokens over real HTTP. Started once per test JVM.
 *
 * <p>Needs {@code session-service/target/quarkus-app} (the reactor builds session-service before auth-server).
 */
public class SessionServiceResource implements QuarkusTestResourceLifecycleManager {

    private static ServiceProcess sessionService;
    private static int authPort;

    @Override
    public synchronized Map<String, String> start() {
        InfrastructureEndpoints infra = SuiteInfrastructure.shared();
        if (sessionService == null) {
            authPort = Ports.free();
            Path root = Path.of(System.getProperty("suite.root", Path.of("").toAbsolutePath().getParent().toString()));
            Map<String, String> env = new LinkedHashMap<>();
            env.put("QUARKUS_REDIS_HOSTS", infra.redisUri());
            env.put("KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrapServers());
            env.put("MP_JWT_VERIFY_ISSUER", issuer());
            env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", issuer() + "/jwks");
            // tests rotate keys (a compromised one at once): refetch the key set on every unknown kid
            env.put("SMALLRYE_JWT_JWKS_FORCED_REFRESH_INTERVAL", "0");
            env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
            try {
                Path logs = Files.createDirectories(Path.of("target", "session-service-logs"));
                sessionService = ServiceProcess.start(root, "session-service", Ports.free(), env, logs);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start session-service for the test: " + e.getMessage(), e);
            }
            sessionService.awaitReady(Duration.ofSeconds(90));
            Runtime.getRuntime().addShutdownHook(new Thread(sessionService::stop, "session-service-stop"));
        }
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.http.test-port", Integer.toString(authPort));
        config.put("auth.issuer", issuer());
        config.put("auth.session-service.url", sessionService.baseUrl());
        return config;
    }

    private static String issuer() {
        return "http://localhost:" + authPort;
    }

    /** session-service's base URL, for tests that call it directly. */
    public static String sessionServiceUrl() {
        return sessionService.baseUrl();
    }

    @Override
    public void stop() {
        // shared by every test class of the JVM; stopped by the shutdown hook
    }
}
