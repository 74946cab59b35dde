package io.github.ssosuite.localstack.infra;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PortsTest {

    @Test
    void runsOfFreePortsNeverOverlapAndAreFree() {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            int first = Ports.freeRun(3);
            for (int p = first; p < first + 3; p++) {
                assertThat(seen.add(p)).as("port %d handed out twice", p).isTrue();
                assertThat(Ports.isListening(p)).isFalse();
            }
        }
        assertThat(seen.add(Ports.free())).as("a single port after the runs is new too").isTrue();
    }
}
