package io.github.ssosuite.localstack.infra;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaClusterIdTest {

    @Test
    void aClusterIdNeverLooksLikeAnOption() {
        for (int i = 0; i < 5000; i++) {
            String id = KafkaBroker.newClusterId();
            assertThat(id).hasSize(22).doesNotStartWith("-");
        }
    }
}
