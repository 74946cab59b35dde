package io.github.ssosuite.localstack;

import io.github.ssosuite.localstack.infra.InfrastructureException;
import io.github.ssosuite.localstack.infra.ManagedProcess;
import io.github.ssosuite.localstack.infra.Ports;

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

/** One of the suite's Quarkus services, started from its built fast-jar in its own JVM. */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final ManagedProcess process;

    private ServiceProcess(String name, int port, ManagedProcess process) {
        this.name = name;
        this.port = port;
        this.process = process;
    }

    /** Starts {@code <root>/<module>/target/quarkus-app/quarkus-run.jar} with {@code env} on {@code port}. */
    public static ServiceProcess start(Path root, String module, int port, Map<String, String> env, Path logDir)
            throws IOException {
        return start(root, module, module, port, env, logDir);
    }

    /** The same, as {@code name}: one module started several times (the demo RPs). */
    public static ServiceProcess start(Path root, String module, String name, int port, Map<String, String> env,
            Path logDir) throws IOException {
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new InfrastructureException(jar + " does not exist: build first with ./mvnw install -DskipTests");
        }
        Ports.requireFree(port, name, "--" + (module.equals(name) ? module.replaceAll("-.*", "") : "demo") + "-port");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, String> withPort = new java.util.HashMap<>(env);
        withPort.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        ManagedProcess process = ManagedProcess.start(name,
                List.of(java, "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-jar", jar.toString()),
                root, withPort, logDir.resolve(name + ".log"));
        return new ServiceProcess(name, port, process);
    }

    /** Waits until {@code /q/health/ready} answers 200 (every dependency of the service is UP). */
    public void awaitReady(Duration timeout) {
        Ports.await(name + " readiness on port " + port, timeout, process, () -> readiness() == 200);
    }

    /** The HTTP status of {@code /q/health/ready}, or -1 when the service does not answer. */
    public int readiness() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String logTail() {
        return process.tail(20);
    }

    /** Kills the service at once (a crash, for fault tests). */
    public void kill() {
        process.kill();
    }

    /** SIGTERM and Quarkus's graceful shutdown; SIGKILL after 20 s. */
    public void stop() {
        process.stop(Duration.ofSeconds(20));
    }
}
