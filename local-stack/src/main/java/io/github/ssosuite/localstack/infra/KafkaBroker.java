package io.github.ssosuite.localstack.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process), run from Kafka's own
 * jars on Maven Central in a separate JVM whose classpath the {@code kafka-broker} module resolved. Its own
 * classpath keeps the broker's Kafka version apart from the client version the services use.
 */
public final class KafkaBroker {

    private final int port;
    private final int controllerPort;
    private final Path dataDir;
    private final boolean persistent;
    private ManagedProcess process;

    public KafkaBroker(int port, int controllerPort, Path dataDir, boolean persistent) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.dataDir = dataDir;
        this.persistent = persistent;
    }

    public synchronized KafkaBroker start() throws IOException {
        if (process != null && process.isAlive()) {
            return this;
        }
        Ports.requireFree(port, "Kafka", "--kafka-port / SUITE_KAFKA_PORT");
        Ports.requireFree(controllerPort, "Kafka controller", "--kafka-port / SUITE_KAFKA_PORT (controller uses port + 1)");
        String classpath = brokerClasspath();
        Files.createDirectories(dataDir);
        Path logDir = dataDir.resolve("log");
        Path config = dataDir.resolve("server.properties");
        Path logging = dataDir.resolve("log4j2.properties");
        Files.writeString(config, serverProperties(logDir));
        Files.writeString(logging, """
                rootLogger.level=WARN
                rootLogger.appenderRef.out.ref=out
                appender.out.type=Console
                appender.out.name=out
                appender.out.layout.type=PatternLayout
                appender.out.layout.pattern=%d %p [%c{1}] %m%n
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> jvm = List.of(java, "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
                "-Dlog4j2.configurationFile=" + logging.toAbsolutePath(), "-cp", classpath);

        if (!Files.exists(logDir.resolve("meta.properties"))) {
            List<String> format = new ArrayList<>(jvm);
            format.addAll(List.of("kafka.tools.StorageTool", "format", "--ignore-formatted",
                    "-t", newClusterId(), "-c", config.toAbsolutePath().toString()));
            ManagedProcess formatting = ManagedProcess.start("kafka-storage-format", format, dataDir, Map.of(),
                    dataDir.resolve("kafka-format.log"));
            if (formatting.waitForExit(Duration.ofSeconds(60)) != 0) {
                throw new InfrastructureException("formatting Kafka storage failed:\n" + formatting.tail(20));
            }
        }

        List<String> run = new ArrayList<>(jvm);
        run.addAll(List.of("kafka.Kafka", config.toAbsolutePath().toString()));
        process = ManagedProcess.start("kafka", run, dataDir, Map.of(), dataDir.resolve("kafka.log"));
        Ports.await("Kafka on port " + port, Duration.ofSeconds(60), process, this::answersMetadata);
        return this;
    }

    private String serverProperties(Path logDir) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + logDir.toAbsolutePath(),
                "num.partitions=3",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=" + (persistent ? 10 : 3),
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=" + (persistent ? 10 : 3),
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // a test broker flushes nothing; a persistent one uses Kafka's defaults
                persistent ? "" : "log.flush.interval.messages=9223372036854775807",
                "");
    }

    /** Creates each topic (idempotent) with the given partition count and replication factor 1. */
    public void createTopics(Map<String, Integer> partitionsByTopic) {
        try (Admin admin = Admin.create(adminConfig())) {
            for (var topic : partitionsByTopic.entrySet()) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic.getKey(), topic.getValue(), (short) 1)))
                            .all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new InfrastructureException("cannot create topic " + topic.getKey() + ": "
                                + e.getCause().getMessage(), e);
                    }
                }
            }
            // creation is acknowledged by the controller before every broker's metadata has the topic: wait until
            // a listing shows them all, so nothing started next (a consumer, a test) finds one missing
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!admin.listTopics().names().get(10, TimeUnit.SECONDS).containsAll(partitionsByTopic.keySet())) {
                if (System.nanoTime() > deadline) {
                    throw new InfrastructureException("Kafka did not list the created topics within 30 s");
                }
                Thread.sleep(50);
            }
        } catch (ExecutionException e) {
            throw new InfrastructureException("cannot list topics: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("interrupted while creating topics", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new InfrastructureException("Kafka did not create topics within 30 s", e);
        }
    }

    public synchronized void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(20));
            process = null;
        }
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

    /** {@code bootstrap.servers} for clients. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    private boolean answersMetadata() {
        if (!Ports.isListening(port)) {
            return false;
        }
        try (Admin admin = Admin.create(adminConfig())) {
            admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
            return true;
        } catch (Exception notYet) {
            return false;
        }
    }

    private Properties adminConfig() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        return props;
    }

    private static String brokerClasspath() throws IOException {
        try (InputStream in = KafkaBroker.class.getClassLoader().getResourceAsStream("kafka-broker.classpath")) {
            if (in == null) {
                throw new InfrastructureException("kafka-broker.classpath is not on the classpath: build the "
                        + "project first (./mvnw install -DskipTests)");
            }
            String classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            for (String jar : classpath.split(":")) {
                if (!Files.exists(Path.of(jar))) {
                    throw new InfrastructureException("Kafka broker jar " + jar + " is missing from the local "
                            + "Maven repository: rebuild with ./mvnw install -DskipTests (network access to "
                            + "Maven Central needed once)");
                }
            }
            return classpath;
        }
    }

    /**
     * A random cluster id (base64url of 16 bytes). Never one starting with '-': the storage tool would read it as an
     * option and fail (1 start in 64 did; Kafka's own Uuid.randomUuid skips those too).
     */
    static String newClusterId() {
        SecureRandom random = new SecureRandom();
        while (true) {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }
}
