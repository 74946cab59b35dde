package io.github.ssosuite.bench.peers;

import io.github.ssosuite.bench.oidc.Oidc;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A peer provider started from its start script under {@code benchmarks/peers/<name>/} (which execs the server,
 * so the script's process is the server's): ready when its discovery document answers 200. Its clients are the
 * script's {@code rp<i>} with secret {@code bench-secret}.
 */
public final class ExternalPeer implements Peer {

    private final String name;
    private final Process process;
    private final URI issuer;
    private final URI rpBase;
    private final long startupMillis;
    private final Path log;

    private ExternalPeer(String name, Process process, URI issuer, URI rpBase, long startupMillis, Path log) {
        this.name = name;
        this.process = process;
        this.issuer = issuer;
        this.rpBase = rpBase;
        this.startupMillis = startupMillis;
        this.log = log;
    }

    /** node-oidc-provider 9.13 ({@code benchmarks/peers/node-oidc-provider/start.sh}). */
    public static ExternalPeer nodeOidcProvider(Path root, int port, URI rpBase, int rps, int users) throws Exception {
        return start("node-oidc-provider", List.of(root.resolve("benchmarks/peers/node-oidc-provider/start.sh").toString(),
                Integer.toString(port), rpBase.toString(), Integer.toString(rps), Integer.toString(users)),
                URI.create("http://127.0.0.1:" + port), rpBase, Duration.ofMinutes(3));
    }

    /** Keycloak 26.7.3 ({@code benchmarks/peers/keycloak/start.sh}); its management interface takes port + 1. */
    public static ExternalPeer keycloak(Path root, int port, URI rpBase, int rps, int users) throws Exception {
        Path work = root.resolve("benchmarks/target/keycloak");
        return start("Keycloak", List.of(root.resolve("benchmarks/peers/keycloak/start.sh").toString(),
                Integer.toString(port), rpBase.toString(), work.toString(), Integer.toString(rps), Integer.toString(users)),
                URI.create("http://127.0.0.1:" + port + "/realms/bench"), rpBase, Duration.ofMinutes(10));
    }

    private static ExternalPeer start(String name, List<String> command, URI issuer, URI rpBase, Duration timeout)
            throws Exception {
        Path log = Files.createTempFile("bench-" + name.replaceAll("[^a-zA-Z]", "") + "-", ".log");
        long t0 = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI discovery = URI.create(issuer + "/.well-known/openid-configuration");
        long deadline = System.nanoTime() + timeout.toNanos();
        System.err.println("[" + name + "] starting: " + String.join(" ", command) + " (log: " + log + ")");
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " not ready within " + timeout + ":\n" + tail(log));
            }
            Thread.sleep(200);
        }
        long startup = (System.nanoTime() - t0) / 1_000_000;
        System.err.println("[" + name + "] ready after " + startup + " ms");
        return new ExternalPeer(name, process, issuer, rpBase, startup, log);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
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
        String base = rpBase + "/rp" + rp;
        return new Oidc.Client("rp" + rp, "bench-secret", URI.create(base + "/cb"), URI.create(base + "/after-logout"));
    }

    @Override
    public Map<String, Long> pids() {
        return Map.of(name, process.pid());
    }

    /** From the start command to the discovery document answering (includes a first-run download or build). */
    @Override
    public Map<String, Long> startupMillis() {
        return Map.of(name, startupMillis);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
    }
}
