package io.github.ssosuite.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Who provides the real servers for a test run.
 *
 * <p>Chosen by the system property {@code suite.infra} or the environment variable {@code SUITE_INFRA}
 * ({@code embedded}, {@code testcontainers}, {@code external} or {@code auto}). {@code auto}, the default,
 * takes {@code external} when {@code SUITE_REDIS_URL}, {@code SUITE_KAFKA_BOOTSTRAP_SERVERS} and
 * {@code SUITE_PG_JDBC_URL} are set, {@code testcontainers} when a Docker engine is reachable, and
 * {@code embedded} (processes from Maven Central artifacts) otherwise.
 */
public enum InfrastructureMode {
    EMBEDDED, TESTCONTAINERS, EXTERNAL;

    public static InfrastructureMode choose(Map<String, String> env) {
        String requested = System.getProperty("suite.infra", env.getOrDefault("SUITE_INFRA", "auto"))
                .trim().toLowerCase(Locale.ROOT);
        return switch (requested) {
            case "embedded" -> EMBEDDED;
            case "testcontainers" -> TESTCONTAINERS;
            case "external" -> EXTERNAL;
            case "auto" -> {
                if (env.containsKey("SUITE_REDIS_URL") && env.containsKey("SUITE_KAFKA_BOOTSTRAP_SERVERS")
                        && env.containsKey("SUITE_PG_JDBC_URL")) {
                    yield EXTERNAL;
                }
                yield dockerReachable(env) ? TESTCONTAINERS : EMBEDDED;
            }
            default -> throw new IllegalArgumentException("suite.infra must be embedded, testcontainers, external "
                    + "or auto, not '" + requested + "'");
        };
    }

    /**
     * Asks Testcontainers only when there is a sign of a Docker engine (a socket, DOCKER_HOST, or a
     * Testcontainers configuration), so that machines without one do not pay for its probing.
     */
    private static boolean dockerReachable(Map<String, String> env) {
        boolean hint = env.containsKey("DOCKER_HOST")
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
        if (!hint) {
            return false;
        }
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable notReachable) {
            return false;
        }
    }
}
