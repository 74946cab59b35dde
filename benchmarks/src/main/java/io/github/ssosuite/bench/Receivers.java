package io.github.ssosuite.bench;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Back-channel logout receivers: one HTTP server per RP on loopback, answering 200 at once (or after a delay, or
 * never), recording when each logout token arrived, by its {@code sid} (or {@code sub} when it has none).
 */
final class Receivers implements AutoCloseable {

    private static final Pattern SID = Pattern.compile("\"sid\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern SUB = Pattern.compile("\"sub\"\\s*:\\s*\"([^\"]+)\"");

    final List<HttpServer> servers = new ArrayList<>();
    /** key (sid or sub) → receiver index → arrival time (System.nanoTime) of its first token there. */
    final Map<String, Map<Integer, Long>> arrivals = new ConcurrentHashMap<>();
    final AtomicLong received = new AtomicLong();

    /** {@code delays[i]}: milliseconds receiver i waits before answering; negative: never answers. */
    Receivers(int count, int[] delays) throws IOException {
        for (int i = 0; i < count; i++) {
            int delay = delays == null ? 0 : delays[i];
            int index = i;
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
            server.setExecutor(Executors.newFixedThreadPool(32, r -> {
                Thread t = new Thread(r, "receiver");
                t.setDaemon(true); // a never-answering receiver's sleeping threads must not keep the JVM alive
                return t;
            }));
            server.createContext("/bcl", exchange -> {
                long at = System.nanoTime();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.US_ASCII);
                String token = URLDecoder.decode(body.substring(body.indexOf('=') + 1), StandardCharsets.US_ASCII);
                String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
                Matcher sid = SID.matcher(payload);
                Matcher sub = SUB.matcher(payload);
                String key = sid.find() ? sid.group(1) : sub.find() ? sub.group(1) : "?";
                arrivals.computeIfAbsent(key, k -> new ConcurrentHashMap<>()).putIfAbsent(index, at);
                received.incrementAndGet();
                try {
                    if (delay < 0) {
                        Thread.sleep(600_000);
                    } else if (delay > 0) {
                        Thread.sleep(delay);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            servers.add(server);
        }
    }

    String uri(int i) {
        return "http://127.0.0.1:" + servers.get(i).getAddress().getPort() + "/bcl";
    }

    @Override
    public void close() {
        servers.forEach(s -> s.stop(0));
    }
}
