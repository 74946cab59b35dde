package io.github.ssosuite.localstack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackOptionsTest {

    @Test
    void defaultsAreTheDocumentedPorts() {
        StackOptions o = StackOptions.parse(new String[] {"up"}, Map.of("SUITE_ROOT", "/repo"));
        assertThat(o.redisPort()).isEqualTo(16379);
        assertThat(o.kafkaPort()).isEqualTo(19092);
        assertThat(o.postgresPort()).isEqualTo(15432);
        assertThat(o.authPort()).isEqualTo(8080);
        assertThat(o.sessionPort()).isEqualTo(8081);
        assertThat(o.dispatcherPort()).isEqualTo(8082);
        assertThat(o.dataDir()).isEqualTo(Path.of("/repo/.local-stack"));
        assertThat(o.withServices()).isTrue();
    }

    @Test
    void flagsWinOverEnvironmentWhichWinsOverDefaults() {
        StackOptions o = StackOptions.parse(new String[] {"up", "--redis-port", "7000", "--reset"},
                Map.of("SUITE_REDIS_PORT", "6000", "SUITE_PG_PORT", "6001", "SUITE_DATA_DIR", "/data"));
        assertThat(o.redisPort()).isEqualTo(7000);
        assertThat(o.postgresPort()).isEqualTo(6001);
        assertThat(o.dataDir()).isEqualTo(Path.of("/data"));
        assertThat(o.reset()).isTrue();
    }

    @Test
    void badInputIsRefusedWithUsage() {
        assertThatThrownBy(() -> StackOptions.parse(new String[] {"sideways"}, Map.of()))
                .hasMessageContaining("usage: ./suite up|down|status");
        assertThatThrownBy(() -> StackOptions.parse(new String[] {"up", "--pg-port", "99999"}, Map.of()))
                .hasMessageContaining("--pg-port must be a port number");
        assertThatThrownBy(() -> StackOptions.parse(new String[] {"up", "--bogus"}, Map.of()))
                .hasMessageContaining("unknown option --bogus");
    }

    @Test
    void tracingIsOffUnlessACollectorIsNamed() {
        assertThat(StackOptions.parse(new String[] {"up"}, Map.of()).otlpEndpoint()).isNull();
        assertThat(StackOptions.parse(new String[] {"up", "--otlp-endpoint", "http://localhost:4318"}, Map.of())
                .otlpEndpoint()).isEqualTo("http://localhost:4318");
        assertThat(StackOptions.parse(new String[] {"up"}, Map.of("SUITE_OTLP_ENDPOINT", "http://otel:4318/"))
                .otlpEndpoint()).isEqualTo("http://otel:4318/");
        assertThatThrownBy(() -> StackOptions.parse(new String[] {"up", "--otlp-endpoint", "localhost:4318"}, Map.of()))
                .hasMessageContaining("--otlp-endpoint must be an http(s) URL");
    }
}
