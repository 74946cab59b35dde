package io.github.ssosuite.localstack.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Loopback port checks: is a port free, pick a free one, wait until something listens. */
public final class Ports {

    private Ports() {
    }

    /** Ports this JVM handed out already: never twice, even when the OS offers one again before it is bound. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A port the OS reports free right now on 127.0.0.1 (for tests, which must not collide with a running stack),
     * and not handed out before by this JVM: two picks made before either port is bound could otherwise be equal,
     * and a CI run once lost Kafka's controller port that way.
     */
    public static int free() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new InfrastructureException("no free loopback port: " + e.getMessage(), e);
            }
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new InfrastructureException("no free loopback port that was not handed out already");
    }

    /**
     * The first of {@code count} consecutive free ports (Kafka's broker and controller, the demo RPs), none of them
     * handed out before by this JVM; the others are marked handed out too.
     */
    public static int freeRun(int count) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int first = free();
            if (first + count - 1 > 65535) {
                continue;
            }
            boolean ok = true;
            for (int p = first + 1; p < first + count && ok; p++) {
                ok = !isListening(p) && !HANDED_OUT.contains(p);
            }
            if (ok) {
                for (int p = first + 1; p < first + count; p++) {
                    HANDED_OUT.add(p);
                }
                return first;
            }
        }
        throw new InfrastructureException("no " + count + " consecutive free loopback ports");
    }

    /** Fails with a message that names the setting to change when {@code port} is already taken. */
    public static void requireFree(int port, String what, String setting) {
        if (isListening(port)) {
            throw new InfrastructureException("Port " + port + " (" + what + ") is already in use. "
                    + "Stop whatever listens there (an earlier stack? try `./suite down`) or pick another port with "
                    + setting + ".");
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new InfrastructureException("Port " + port + " (" + what + ") cannot be bound on 127.0.0.1: "
                    + e.getMessage() + ". Pick another port with " + setting + ".", e);
        }
    }

    /** Whether something accepts TCP connections on 127.0.0.1:{@code port}. */
    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Polls {@code condition} until it holds, the process dies, or {@code timeout} passes. */
    public static void await(String what, Duration timeout, ManagedProcess process, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (process != null) {
                process.requireAlive();
            }
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InfrastructureException("interrupted while waiting for " + what, e);
            }
        }
        throw new InfrastructureException(what + " was not ready within " + timeout.toSeconds() + " s"
                + (process != null ? ". Last lines of " + process.logFile() + ":\n" + process.tail(20) : ""));
    }
}
