package io.github.ssosuite.bench;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The RPs of the side-by-side benchmark, on one loopback port: RP {@code i} (1-based) has
 * {@code /rp<i>/cb}, {@code /rp<i>/after-logout} and {@code /rp<i>/backchannel}. Each back-channel POST is recorded
 * with its arrival time when its request line arrives; the answer is 200 at once, after a delay, or never (the
 * connection is held open), per RP, and can be changed between runs.
 */
final class RpReceiver implements AutoCloseable {

    /** One back-channel POST: which RP, when (System.nanoTime) it arrived. */
    record Arrival(int rp, long at) {
    }

    private final HttpServer server;
    private final ScheduledExecutorService answers = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "rp-answers");
        t.setDaemon(true);
        return t;
    });
    private final ConcurrentLinkedQueue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
    private final AtomicLong total = new AtomicLong();
    private volatile int[] delays;

    RpReceiver(int rps) throws IOException {
        this.delays = new int[rps + 1];
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "rp-receiver");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            long at = System.nanoTime();
            exchange.getRequestBody().readAllBytes();
            if (!path.endsWith("/backchannel")) {
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
                return;
            }
            int rp = Integer.parseInt(path.substring(3, path.indexOf('/', 1)));
            arrivals.add(new Arrival(rp, at));
            total.incrementAndGet();
            int delay = rp < delays.length ? delays[rp] : 0;
            if (delay < 0) {
                return; // never answers: the connection stays open until the sender gives up
            }
            Runnable answer = () -> {
                try {
                    exchange.sendResponseHeaders(200, -1);
                } catch (IOException ignored) {
                    // the sender gave up
                } finally {
                    exchange.close();
                }
            };
            if (delay == 0) {
                answer.run();
            } else {
                answers.schedule(answer, delay, TimeUnit.MILLISECONDS);
            }
        });
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** {@code delays[i]}: how RP i answers: 0 at once, n milliseconds later, -1 never. */
    void answer(int[] delays) {
        this.delays = delays.clone();
    }

    void clear() {
        arrivals.clear();
    }

    List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    long total() {
        return total.get();
    }

    @Override
    public void close() {
        server.stop(0);
        answers.shutdownNow();
    }
}
