package io.github.ssosuite.dispatcher;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * Real HTTP receivers standing in for RPs' back-channel logout endpoints ({@code /rp/<name>}): each answers with the
 * statuses it was given, in turn (the last one repeats), or never answers ({@code HANG}); every request is kept.
 */
public final class TestRelyingParties implements AutoCloseable {

    public static final int HANG = -1;

    /** A request as the RP received it. */
    public record Received(String rp, String contentType, String logoutToken, Map<String, List<String>> headers,
            Instant at) {
    }

    private final HttpServer server;
    private final Map<String, Deque<Integer>> answers = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public TestRelyingParties() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/rp/", exchange -> {
            String rp = exchange.getRequestURI().getPath().substring("/rp/".length());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String token = null;
            for (String pair : body.split("&")) {
                if (pair.startsWith("logout_token=")) {
                    token = URLDecoder.decode(pair.substring("logout_token=".length()), StandardCharsets.UTF_8);
                }
            }
            received.add(new Received(rp, exchange.getRequestHeaders().getFirst("Content-Type"), token,
                    Map.copyOf(exchange.getRequestHeaders()), Instant.now()));
            Deque<Integer> queue = answers.getOrDefault(rp, new ArrayDeque<>(List.of(200)));
            int status;
            synchronized (queue) {
                status = queue.size() > 1 ? queue.poll() : queue.peek();
            }
            if (status == HANG) {
                return; // never answers; the dispatcher's timeout must end it
            }
            exchange.getResponseHeaders().add("Cache-Control", "no-store");
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** {@code rp} answers these statuses in turn, the last one from then on. */
    public void answer(String rp, Integer... statuses) {
        answers.put(rp, new ArrayDeque<>(List.of(statuses)));
    }

    public String uri(String rp) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/rp/" + rp;
    }

    public List<Received> receivedBy(String rp) {
        List<Received> list = new ArrayList<>();
        for (Received r : received) {
            if (r.rp().equals(rp)) {
                list.add(r);
            }
        }
        return list;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
