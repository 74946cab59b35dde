package io.github.ssosuite.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatsTest {

    @Test
    void nearestRankPercentiles() {
        Stats s = new Stats(List.of(5.0, 1.0, 4.0, 2.0, 3.0));
        assertThat(s.median()).isEqualTo(3.0);
        assertThat(s.percentile(99)).isEqualTo(5.0);
        assertThat(s.percentile(20)).isEqualTo(1.0);
        assertThat(s.max()).isEqualTo(5.0);
        assertThat(new Stats(List.of()).median()).isNaN();
    }
}
