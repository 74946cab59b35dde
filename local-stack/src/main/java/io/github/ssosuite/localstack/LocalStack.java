package io.github.ssosuite.localstack;

import io.github.ssosuite.localstack.infra.InfrastructureException;
import io.github.ssosuite.localstack.infra.ManagedProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./suite up|down|status}: the whole suite on one machine with only a JDK. {@code up} stays in the
 * foreground; Ctrl-C (or {@code ./suite down} elsewhere) stops every process it started.
 */
public final class LocalStack {

    private static final String PID_FILE = "stack.pids";

    private LocalStack() {
    }

    public static void main(String[] args) {
        StackOptions options;
        try {
            options = StackOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            switch (options.command()) {
                case "up" -> up(options);
                case "down" -> down(options);
                default -> status(options);
            }
        } catch (InfrastructureException | IOException e) {
            System.err.println("\nERROR: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void up(StackOptions options) throws IOException {
        Map<String, Long> running = alive(readPids(options));
        if (!running.isEmpty()) {
            throw new InfrastructureException("a stack is already running from " + options.dataDir() + " (pids "
                    + running.values() + "). Stop it with ./suite down, or use another --data-dir and ports.");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        List<SuiteStack> holder = new ArrayList<>();
        Thread hook = new Thread(() -> {
            System.out.println("\nstopping the suite...");
            synchronized (holder) {
                holder.forEach(SuiteStack::close);
            }
            // whatever was still starting when Ctrl-C came
            ManagedProcess.stopAll(Duration.ofSeconds(10));
            deletePids(options);
            System.out.println("stopped; nothing is left running.");
            stopped.countDown();
        }, "suite-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        SuiteStack stack;
        try {
            stack = SuiteStack.start(options, line -> System.out.println("- " + line));
        } catch (IOException | RuntimeException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            deletePids(options);
            throw e;
        }
        synchronized (holder) {
            holder.add(stack);
        }
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("launcher", ProcessHandle.current().pid());
        pids.putAll(stack.pids());
        writePids(options, pids);
        System.out.println(stack.summary());
        watch(stack, stopped);
    }

    /** Reports a service that died (its log tail), and keeps the rest running until Ctrl-C. */
    private static void watch(SuiteStack stack, CountDownLatch stopped) {
        List<String> reported = new ArrayList<>();
        try {
            while (!stopped.await(2, java.util.concurrent.TimeUnit.SECONDS)) {
                for (ServiceProcess service : stack.services()) {
                    if (!service.isAlive() && !reported.contains(service.name())) {
                        reported.add(service.name());
                        System.err.println("\n" + service.name() + " stopped unexpectedly. Last lines of its log:\n"
                                + service.logTail());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void down(StackOptions options) throws IOException {
        Map<String, Long> pids = readPids(options);
        if (alive(pids).isEmpty()) {
            System.out.println("nothing is running from " + options.dataDir());
            deletePids(options);
            return;
        }
        // The launcher stops its children in order from its shutdown hook; what is still alive after it
        // (the launcher was killed hard, say) is stopped here, services before the servers they use.
        Long launcher = pids.remove("launcher");
        if (launcher != null && ManagedProcess.stopPid(launcher, Duration.ofSeconds(60))) {
            System.out.println("stopped launcher " + launcher);
        }
        for (var entry : alive(pids).entrySet()) {
            ManagedProcess.stopPid(entry.getValue(), Duration.ofSeconds(20));
            System.out.println("stopped " + entry.getKey() + " (pid " + entry.getValue() + ")");
        }
        deletePids(options);
        System.out.println("nothing is left running.");
    }

    private static void status(StackOptions options) throws IOException {
        Map<String, Long> pids = readPids(options);
        if (pids.isEmpty()) {
            System.out.println("no stack started from " + options.dataDir());
            return;
        }
        pids.forEach((name, pid) -> System.out.printf("%-18s pid %-8d %s%n", name, pid,
                ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? "running" : "gone"));
    }

    private static Map<String, Long> readPids(StackOptions options) throws IOException {
        Path file = options.dataDir().resolve(PID_FILE);
        Map<String, Long> pids = new LinkedHashMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length == 2) {
                    pids.put(parts[0], Long.parseLong(parts[1]));
                }
            }
        }
        return pids;
    }

    private static Map<String, Long> alive(Map<String, Long> pids) {
        Map<String, Long> alive = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            if (pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                alive.put(name, pid);
            }
        });
        return alive;
    }

    private static void writePids(StackOptions options, Map<String, Long> pids) throws IOException {
        StringBuilder text = new StringBuilder();
        pids.forEach((name, pid) -> text.append(name).append(' ').append(pid).append('\n'));
        Files.writeString(options.dataDir().resolve(PID_FILE), text);
    }

    private static void deletePids(StackOptions options) {
        try {
            Files.deleteIfExists(options.dataDir().resolve(PID_FILE));
        } catch (IOException ignored) {
            // nothing to clean up
        }
    }
}
