package io.github.ssosuite.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A closed-loop load: {@code concurrency} workers each run a flow again and again for a warm-up and then a measured
 * period; flows per second and the latency of each flow come from the measured period only. A failing flow counts
 * as an error (with its first message kept), never as a result.
 */
final class Load {

    interface Flow {
        void run(int worker) throws Exception;
    }

    /** Prepares worker {@code w} (its browser, its session) before the clock starts. */
    interface Setup {
        void prepare(int worker) throws Exception;
    }

    record Result(int concurrency, double perSecond, Stats latencyMs, long ok, long errors, String firstError,
            List<Double> samples) {
    }

    private Load() {
    }

    static Result run(int concurrency, Duration warmup, Duration measure, Setup setup, Flow flow) throws Exception {
        for (int w = 0; w < concurrency; w++) {
            setup.prepare(w);
        }
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long measureTo = measureFrom + measure.toNanos();
        List<List<Double>> latencies = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(concurrency);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            List<Double> mine = new ArrayList<>();
            latencies.add(mine);
            int worker = w;
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        long t0 = System.nanoTime();
                        if (t0 >= measureTo) {
                            return;
                        }
                        try {
                            flow.run(worker);
                            long t1 = System.nanoTime();
                            if (t0 >= measureFrom && t1 <= measureTo) {
                                mine.add((t1 - t0) / 1e6);
                            }
                        } catch (Exception e) {
                            if (t0 >= measureFrom) {
                                errors.incrementAndGet();
                            }
                            firstError.compareAndSet(null, e.getClass().getSimpleName() + ": " + e.getMessage());
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "load-" + w);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        done.await();
        List<Double> all = new ArrayList<>();
        latencies.forEach(all::addAll);
        Collections.shuffle(all);
        double seconds = measure.toNanos() / 1e9;
        return new Result(concurrency, all.size() / seconds, new Stats(all), all.size(), errors.get(), firstError.get(),
                all.size() > 5000 ? all.subList(0, 5000) : all);
    }
}
