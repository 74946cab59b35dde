package io.github.ssosuite.localstack.infra;

import io.github.ssosuite.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The three real servers start, answer over real connections, and stop without leaving a process behind. */
class LocalInfrastructureTest {

    static Path dir;

    static LocalInfrastructure infra;

    @BeforeAll
    static void start() throws Exception {
        dir = Binaries.traversableTempDir("sso-suite-infra-");
        infra = LocalInfrastructure.start(dir, LocalInfrastructure.PortPlan.random(), false, 2, line -> { });
    }

    @AfterAll
    static void stop() throws Exception {
        if (infra != null) {
            long[] pids = infra.pids().values().stream().mapToLong(Long::longValue).toArray();
            infra.close();
            for (long pid : pids) {
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                        .as("process %d is gone after close", pid).isFalse();
            }
        }
        Binaries.deleteRecursively(dir);
    }

    @Test
    void redisAnswersOverTcp() throws Exception {
        assertThat(redisCommand(infra.redis().port(), "SET k v\r\nGET k\r\n")).contains("+OK", "$1", "v");
    }

    @Test
    void postgresHasTheApplicationDatabaseWithPasswordLogin() throws Exception {
        try (Connection c = DriverManager.getConnection(infra.postgres().jdbcUrl(), PostgresServer.USER,
                PostgresServer.PASSWORD); ResultSet rs = c.createStatement().executeQuery("SELECT current_database()")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(LocalInfrastructure.DATABASE);
        }
        assertThatThrownBy(() -> DriverManager.getConnection(infra.postgres().jdbcUrl(), PostgresServer.USER, "wrong"))
                .hasMessageContaining("password authentication failed");
    }

    @Test
    void kafkaHasTheSuiteTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                infra.kafka().bootstrapServers()))) {
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).containsAll(Topics.ALL);
            assertThat(admin.describeTopics(Topics.ALL).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(Topics.SESSION_ENDED).partitions()).hasSize(2);
        }
    }

    @Test
    void redisCanBeStoppedAndStartedAgainOnTheSamePort() throws Exception {
        int port = infra.redis().port();
        infra.redis().stop();
        assertThat(Ports.isListening(port)).isFalse();
        infra.redis().start();
        assertThat(redisCommand(port, "PING\r\n")).startsWith("+PONG");
    }

    @Test
    void aTakenPortIsReportedWithTheSettingToChange() {
        assertThatThrownBy(() -> Ports.requireFree(infra.redis().port(), "Redis", "--redis-port"))
                .hasMessageContaining("Port " + infra.redis().port() + " (Redis) is already in use")
                .hasMessageContaining("--redis-port");
    }

    private static String redisCommand(int port, String commands) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(commands.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(100);
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[256];
            int n = in.read(buffer);
            return new String(buffer, 0, n, StandardCharsets.US_ASCII);
        }
    }
}
