package io.github.ssosuite.e2e;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * System tools some e2e tests need (Chromium, kubectl, docker-compose, Node.js): without them the test is skipped
 * with a message, unless the environment variable that CI sets says they are required, where it fails.
 */
final class RequiredTools {

    private RequiredTools() {
    }

    /** Skips (or, when {@code requiredBy} is "true", fails) unless every one of {@code tools} is executable. */
    static void require(String requiredBy, String installHint, List<Path> tools) {
        if (tools.stream().allMatch(Files::isExecutable)) {
            return;
        }
        String message = "needs " + String.join(" and ", tools.stream().map(Path::toString).toList())
                + " (" + installHint + ")";
        if ("true".equals(System.getenv(requiredBy))) {
            throw new IllegalStateException(message + "; " + requiredBy + "=true");
        }
        Assumptions.abort(message);
    }

    /** {@code name} on the usual system paths (/usr/bin, /usr/local/bin), or where it would be. */
    static Path onPath(String name) {
        Path local = Path.of("/usr/local/bin", name);
        return Files.isExecutable(local) ? local : Path.of("/usr/bin", name);
    }
}
