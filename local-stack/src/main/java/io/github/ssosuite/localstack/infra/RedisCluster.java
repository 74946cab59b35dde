package io.github.ssosuite.localstack.infra;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A real Redis Cluster of three primaries (no replicas) on loopback: the servers of {@link RedisServer} started in
 * cluster mode, the 16,384 slots split between them, joined with CLUSTER MEET. For tests of the Cluster mode.
 */
public final class RedisCluster implements AutoCloseable {

    private static final int SLOTS = 16384;

    private final List<RedisServer> nodes = new ArrayList<>();

    private RedisCluster() {
    }

    public static RedisCluster start(Path dataDir, int nodeCount) throws IOException {
        RedisCluster cluster = new RedisCluster();
        try {
            for (int i = 0; i < nodeCount; i++) {
                int port = busSafePort();
                cluster.nodes.add(new RedisServer(port, dataDir.resolve("node-" + i), false, List.of(
                        "--cluster-enabled", "yes",
                        "--cluster-config-file", "nodes.conf",
                        "--cluster-node-timeout", "2000")).start());
            }
            for (int i = 0; i < nodeCount; i++) {
                int from = SLOTS * i / nodeCount;
                int to = SLOTS * (i + 1) / nodeCount;
                List<String> addSlots = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
                IntStream.range(from, to).mapToObj(Integer::toString).forEach(addSlots::add);
                Resp.command(cluster.nodes.get(i).port(), addSlots);
            }
            int first = cluster.nodes.get(0).port();
            for (RedisServer node : cluster.nodes.subList(1, nodeCount)) {
                Resp.command(first, List.of("CLUSTER", "MEET", "127.0.0.1", Integer.toString(node.port())));
            }
            for (RedisServer node : cluster.nodes) {
                Ports.await("Redis Cluster node " + node.port(), Duration.ofSeconds(30), null,
                        () -> clusterOk(node.port(), nodeCount));
            }
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * A free port whose cluster bus port (port + 10000, Redis's rule) is a valid port and free too: an ephemeral port
     * above 55535 has no bus port, and a taken one leaves the node unable to join.
     */
    static int busSafePort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = Ports.free();
            if (port + 10000 <= 65535 && !Ports.isListening(port + 10000)) {
                return port;
            }
        }
        throw new InfrastructureException("no free port with a free cluster bus port (port + 10000)");
    }

    private static boolean clusterOk(int port, int nodeCount) {
        try {
            String info = Resp.command(port, List.of("CLUSTER", "INFO"));
            return info.contains("cluster_state:ok") && info.contains("cluster_known_nodes:" + nodeCount);
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code quarkus.redis.hosts} for {@code quarkus.redis.client-type=cluster}. */
    public String hosts() {
        return nodes.stream().map(RedisServer::uri).collect(Collectors.joining(","));
    }

    public List<RedisServer> nodes() {
        return List.copyOf(nodes);
    }

    @Override
    public void close() {
        nodes.forEach(RedisServer::stop);
    }
}
