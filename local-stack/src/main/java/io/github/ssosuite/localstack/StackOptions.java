package io.github.ssosuite.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Options of {@code ./suite up|down|status}. Each flag has an environment variable of the same meaning;
 * a flag wins over the variable, the variable over the default.
 */
public record StackOptions(
        String command,
        Path root,
        Path dataDir,
        boolean reset,
        boolean withServices,
        int redisPort,
        int kafkaPort,
        int postgresPort,
        int authPort,
        int sessionPort,
        int dispatcherPort,
        int demoPort,
        String otlpEndpoint) {

    /** The demo RPs the stack starts (issue 6), on demoPort, demoPort + 1 and demoPort + 2. */
    public static final List<String> DEMO_APPS = List.of("intranet", "wiki", "dashboard");

    public static final String USAGE = """
            usage: ./suite up|down|status [options]
              up       start Redis, Kafka, PostgreSQL and the three services; Ctrl-C stops everything
              down     stop a stack started by `up` in another terminal (or left behind)
              status   show what runs
            options (environment variable in brackets):
              --data-dir DIR        where data and logs live        [SUITE_DATA_DIR]   default .local-stack
              --reset               delete the data directory first (fresh databases, topics, sessions)
              --infra-only          start Redis, Kafka and PostgreSQL but not the services
              --redis-port N        [SUITE_REDIS_PORT]       default 16379
              --kafka-port N        [SUITE_KAFKA_PORT]       default 19092 (controller: N+1)
              --pg-port N           [SUITE_PG_PORT]          default 15432
              --auth-port N         [SUITE_AUTH_PORT]        default 8080
              --session-port N      [SUITE_SESSION_PORT]     default 8081
              --dispatcher-port N   [SUITE_DISPATCHER_PORT]  default 8082
              --demo-port N         [SUITE_DEMO_PORT]        default 8091: the demo RPs intranet, wiki and
                                    dashboard on N, N+1, N+2
              --no-demo             do not start the demo RPs
              --otlp-endpoint URL   send the services' traces to this OpenTelemetry collector (OTLP over
                                    http/protobuf, e.g. http://localhost:4318) [SUITE_OTLP_ENDPOINT];
                                    without it tracing is off
            """;

    public static StackOptions parse(String[] args, Map<String, String> env) {
        if (args.length == 0 || !List.of("up", "down", "status").contains(args[0])) {
            throw new IllegalArgumentException(USAGE);
        }
        String command = args[0];
        Path root = Path.of(env.getOrDefault("SUITE_ROOT", ".")).toAbsolutePath().normalize();
        Path dataDir = null;
        boolean reset = false;
        boolean withServices = true;
        int redis = intEnv(env, "SUITE_REDIS_PORT", 16379);
        int kafka = intEnv(env, "SUITE_KAFKA_PORT", 19092);
        int pg = intEnv(env, "SUITE_PG_PORT", 15432);
        int auth = intEnv(env, "SUITE_AUTH_PORT", 8080);
        int session = intEnv(env, "SUITE_SESSION_PORT", 8081);
        int dispatcher = intEnv(env, "SUITE_DISPATCHER_PORT", 8082);
        int demo = intEnv(env, "SUITE_DEMO_PORT", 8091);
        String otlp = env.get("SUITE_OTLP_ENDPOINT");
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        while (!rest.isEmpty()) {
            String flag = rest.remove(0);
            switch (flag) {
                case "--reset" -> reset = true;
                case "--infra-only" -> withServices = false;
                case "--root" -> root = Path.of(value(flag, rest)).toAbsolutePath().normalize();
                case "--data-dir" -> dataDir = Path.of(value(flag, rest));
                case "--redis-port" -> redis = port(flag, value(flag, rest));
                case "--kafka-port" -> kafka = port(flag, value(flag, rest));
                case "--pg-port" -> pg = port(flag, value(flag, rest));
                case "--auth-port" -> auth = port(flag, value(flag, rest));
                case "--session-port" -> session = port(flag, value(flag, rest));
                case "--dispatcher-port" -> dispatcher = port(flag, value(flag, rest));
                case "--demo-port" -> demo = port(flag, value(flag, rest));
                case "--no-demo" -> demo = 0;
                case "--otlp-endpoint" -> otlp = url(flag, value(flag, rest));
                case "-h", "--help" -> throw new IllegalArgumentException(USAGE);
                default -> throw new IllegalArgumentException("unknown option " + flag + "\n" + USAGE);
            }
        }
        if (dataDir == null) {
            dataDir = Path.of(env.getOrDefault("SUITE_DATA_DIR", root.resolve(".local-stack").toString()));
        }
        return new StackOptions(command, root, dataDir.toAbsolutePath().normalize(), reset, withServices,
                redis, kafka, pg, auth, session, dispatcher, demo,
                otlp == null || otlp.isBlank() ? null : url("SUITE_OTLP_ENDPOINT", otlp));
    }

    private static String value(String flag, List<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
        }
        return rest.remove(0);
    }

    private static int intEnv(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : port(name, value);
    }

    static String url(String name, String value) {
        String v = value.trim();
        if (!v.matches("https?://[^\\s/]+(/\\S*)?")) {
            throw new IllegalArgumentException(name + " must be an http(s) URL, got '" + value + "'");
        }
        return v;
    }

    static int port(String name, String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number (1-65535), got '" + value + "'");
        }
    }
}
