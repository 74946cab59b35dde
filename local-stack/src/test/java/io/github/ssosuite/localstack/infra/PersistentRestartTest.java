package io.github.ssosuite.localstack.infra;

import io.github.ssosuite.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The local stack's data outlives a restart: sessions in Redis, rows in PostgreSQL, Kafka's topics. */
class PersistentRestartTest {

    @Test
    void aSecondStartOnTheSameDataDirectoryKeepsTheData() throws Exception {
        Path dir = Binaries.traversableTempDir("sso-suite-restart-");
        try {
            startTwice(dir);
        } finally {
            Binaries.deleteRecursively(dir);
        }
    }

    private void startTwice(Path dir) throws Exception {
        var ports = LocalInfrastructure.PortPlan.random();
        try (var first = LocalInfrastructure.start(dir, ports, true, 1, line -> { })) {
            redis(ports.redis(), "SET kept-key kept-value\r\n");
            try (var c = DriverManager.getConnection(first.postgres().jdbcUrl(), PostgresServer.USER,
                    PostgresServer.PASSWORD)) {
                c.createStatement().execute("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('row')");
            }
        }

        try (var second = LocalInfrastructure.start(dir, ports, true, 1, line -> { })) {
            assertThat(redis(ports.redis(), "GET kept-key\r\n")).contains("kept-value");
            try (var c = DriverManager.getConnection(second.postgres().jdbcUrl(), PostgresServer.USER,
                    PostgresServer.PASSWORD); var rs = c.createStatement().executeQuery("SELECT v FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("row");
            }
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    second.kafka().bootstrapServers()))) {
                assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).containsAll(Topics.ALL);
            }
        }
    }

    private static String redis(int port, String command) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(command.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] buffer = new byte[256];
            int n = socket.getInputStream().read(buffer);
            return new String(buffer, 0, n, StandardCharsets.US_ASCII);
        }
    }
}
