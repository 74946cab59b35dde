package io.github.ssosuite.localstack.infra;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Server binaries shipped inside Maven Central jars (redis-server in embedded-redis, PostgreSQL in zonky's
 * binaries jar), unpacked once into a cache directory and reused by every later start.
 *
 * <p>When running as root, PostgreSQL refuses to start, so it runs as {@code nobody}; the cache then lives
 * under the system temp directory, which {@code nobody} can traverse (a home directory usually cannot).
 */
public final class Binaries {

    private Binaries() {
    }

    /** Whether this JVM runs as root (uid 0). */
    public static boolean runningAsRoot() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        } catch (Throwable notUnix) {
            return false;
        }
    }

    /** {@code SUITE_CACHE_DIR}, else {@code ~/.cache/sso-suite}, else (root) {@code $TMPDIR/sso-suite-cache}. */
    public static Path cacheDir() {
        String configured = System.getenv("SUITE_CACHE_DIR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        if (runningAsRoot()) {
            return Path.of(System.getProperty("java.io.tmpdir"), "sso-suite-cache");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "sso-suite");
    }

    /** "linux-amd64", "linux-arm64", "darwin-arm64"... as the binary jars name platforms. */
    public static String platform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String osName = os.contains("mac") ? "darwin" : os.contains("win") ? "windows" : "linux";
        String archName = arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : "amd64";
        return osName + "-" + archName;
    }

    /** Copies a classpath resource to {@code cacheDir()/name}, executable, unless it is there already. */
    public static Path executableResource(String resource) throws IOException {
        URL url = Binaries.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new InfrastructureException("binary " + resource + " is not on the classpath (platform "
                    + platform() + " may not be supported)");
        }
        Path target = cacheDir().resolve("bin").resolve(resource);
        if (Files.isExecutable(target)) {
            return target;
        }
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempFile(target.getParent(), resource, ".partial");
        try (InputStream in = url.openStream()) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
        moveIntoPlace(partial, target);
        openToEveryone(cacheDir());
        return target;
    }

    /**
     * Unpacks a {@code .txz} resource into {@code cacheDir()/name}, unless done before. The key should change
     * when the archive does (e.g. it contains the jar's version).
     */
    public static Path unpackedTxz(String resource, String key) throws IOException {
        URL url = Binaries.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new InfrastructureException("archive " + resource + " is not on the classpath (platform "
                    + platform() + " may not be supported)");
        }
        Path target = cacheDir().resolve(key);
        if (Files.isDirectory(target.resolve("bin"))) {
            return target;
        }
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempDirectory(target.getParent(), key + ".partial");
        try (InputStream in = new TarArchiveInputStream(new XZCompressorInputStream(
                new BufferedInputStream(url.openStream())))) {
            TarArchiveInputStream tar = (TarArchiveInputStream) in;
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = partial.resolve(entry.getName()).normalize();
                if (!out.startsWith(partial)) {
                    throw new IOException("archive entry escapes its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(out.getParent());
                    Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    boolean executable = (entry.getMode() & 0100) != 0;
                    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString(
                            executable ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        moveIntoPlace(partial, target);
        openToEveryone(cacheDir());
        return target;
    }

    private static void moveIntoPlace(Path partial, Path target) throws IOException {
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException anotherProcessWon) {
            deleteRecursively(partial);
        }
    }

    /** Under root the servers run as nobody, who must be able to read the binaries. */
    static void openToEveryone(Path dir) throws IOException {
        if (!runningAsRoot()) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isSymbolicLink(p)) {
                    continue;
                }
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
                perms.add(PosixFilePermission.OTHERS_READ);
                perms.add(PosixFilePermission.GROUP_READ);
                if (Files.isDirectory(p) || perms.contains(PosixFilePermission.OWNER_EXECUTE)) {
                    perms.add(PosixFilePermission.OTHERS_EXECUTE);
                    perms.add(PosixFilePermission.GROUP_EXECUTE);
                }
                try {
                    Files.setPosixFilePermissions(p, perms);
                } catch (AccessDeniedException ignored) {
                    // someone else's file in a shared cache: leave it
                }
            }
        }
    }

    /**
     * A new temp directory others may traverse (0755), so that PostgreSQL running as {@code nobody} under
     * root can reach a data directory inside it.
     */
    public static Path traversableTempDir(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
