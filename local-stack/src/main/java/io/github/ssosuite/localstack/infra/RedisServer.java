package io.github.ssosuite.localstack.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real redis-server (6.2, the binary shipped in {@code com.github.codemonstur:embedded-redis}) on
 * 127.0.0.1. Persistent runs keep an append-only file in the data directory, so sessions survive a restart
 * of the local stack; test runs keep nothing on disk.
 */
public final class RedisServer {

    private static final Map<String, String> BINARIES = Map.of(
            "linux-amd64", "redis-server-6.2.6-v5-linux-amd64",
            "linux-arm64", "redis-server-6.2.7-linux-arm64",
            "darwin-amd64", "redis-server-6.2.6-v5-darwin-amd64",
            "darwin-arm64", "redis-server-6.2.6-v5-darwin-arm64");

    private final int port;
    private final Path dataDir;
    private final boolean persistent;
    private final List<String> extraArguments;
    private ManagedProcess process;

    public RedisServer(int port, Path dataDir, boolean persistent) {
        this(port, dataDir, persistent, List.of());
    }

    /** With {@code extraArguments} appended to the command line (e.g. cluster mode). */
    public RedisServer(int port, Path dataDir, boolean persistent, List<String> extraArguments) {
        this.port = port;
        this.dataDir = dataDir;
        this.persistent = persistent;
        this.extraArguments = List.copyOf(extraArguments);
    }

    public synchronized RedisServer start() throws IOException {
        if (process != null && process.isAlive()) {
            return this;
        }
        Ports.requireFree(port, "Redis", "--redis-port / SUITE_REDIS_PORT");
        String binaryName = BINARIES.get(Binaries.platform());
        if (binaryName == null) {
            throw new InfrastructureException("no redis-server binary for " + Binaries.platform());
        }
        Path binary = Binaries.executableResource(binaryName);
        Files.createDirectories(dataDir);
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "--port", Integer.toString(port),
                "--bind", "127.0.0.1",
                "--protected-mode", "yes",
                "--daemonize", "no",
                "--dir", dataDir.toAbsolutePath().toString(),
                "--save", "",
                "--appendonly", persistent ? "yes" : "no"));
        command.addAll(extraArguments);
        process = ManagedProcess.start("redis", command, dataDir, Map.of(), dataDir.resolve("redis.log"));
        Ports.await("Redis on port " + port, Duration.ofSeconds(20), process, this::answersPing);
        return this;
    }

    /** Stops the server (it can be started again on the same port and data directory). */
    public synchronized void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(10));
            process = null;
        }
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process == null ? -1 : process.pid();
    }

    /** The address in the form the Quarkus Redis client takes ({@code quarkus.redis.hosts}). */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    private boolean answersPing() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException notYet) {
            return false;
        }
    }
}
