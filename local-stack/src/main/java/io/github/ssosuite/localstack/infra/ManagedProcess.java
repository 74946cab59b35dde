package io.github.ssosuite.localstack.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A child process of the local stack or of a test run: started with its output in a log file, stopped
 * with its whole process tree (SIGTERM first, then SIGKILL after a grace period), so nothing is left running.
 */
public final class ManagedProcess {

    /** Processes started by this JVM and not yet stopped, newest last: what a shutdown hook must stop. */
    private static final java.util.Deque<ManagedProcess> STARTED = new java.util.concurrent.ConcurrentLinkedDeque<>();

    private final String name;
    private final Process process;
    private final Path logFile;

    private ManagedProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /** Starts {@code command} in {@code workDir}, appending its stdout and stderr to {@code logFile}. */
    public static ManagedProcess start(String name, List<String> command, Path workDir, Map<String, String> env,
            Path logFile) throws IOException {
        Files.createDirectories(logFile.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(env);
        ManagedProcess started = new ManagedProcess(name, builder.start(), logFile);
        STARTED.addLast(started);
        return started;
    }

    /** Stops, newest first, every process this JVM started and has not stopped (for shutdown hooks). */
    public static void stopAll(Duration grace) {
        ManagedProcess p;
        while ((p = STARTED.pollLast()) != null) {
            p.stop(grace);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Fails with the end of the log when the process has died, e.g. while a caller waits for it to be ready. */
    public void requireAlive() {
        if (!process.isAlive()) {
            throw new InfrastructureException(name + " exited with code " + process.exitValue()
                    + ". Last lines of " + logFile + ":\n" + tail(20));
        }
    }

    /** Waits for the process to end by itself; its exit code, or -1 (and the tree stopped) after {@code timeout}. */
    public int waitForExit(Duration timeout) {
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop(Duration.ofSeconds(5));
        return -1;
    }

    /** Stops the process tree: a polite signal, {@code grace} to exit, then a forced kill. */
    public void stop(Duration grace) {
        STARTED.remove(this);
        stopTree(process.toHandle(), grace);
    }

    /** Kills the process tree at once (SIGKILL), as a crash would: no shutdown hook, no graceful stop. */
    public void kill() {
        STARTED.remove(this);
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops any process tree by pid, e.g. one recorded by an earlier {@code ./suite up}. */
    public static boolean stopPid(long pid, Duration grace) {
        return ProcessHandle.of(pid).map(handle -> {
            stopTree(handle, grace);
            return true;
        }).orElse(false);
    }

    private static void stopTree(ProcessHandle root, Duration grace) {
        List<ProcessHandle> tree = root.descendants().collect(Collectors.toList());
        root.destroy();
        tree.forEach(ProcessHandle::destroy);
        try {
            root.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception timedOut) {
            root.destroyForcibly();
        }
        for (ProcessHandle child : tree) {
            try {
                child.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception timedOut) {
                child.destroyForcibly();
            }
        }
    }

    /** The last {@code lines} lines of the log, for error messages. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log not readable: " + e.getMessage() + ")";
        }
    }
}
