package io.github.ssosuite.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Percentiles of a sample (nearest rank). */
public final class Stats {

    private final List<Double> values;

    public Stats(List<Double> values) {
        this.values = new ArrayList<>(values);
        Collections.sort(this.values);
    }

    public double percentile(double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * values.size());
        return values.get(Math.max(0, Math.min(values.size() - 1, rank - 1)));
    }

    public double median() {
        return percentile(50);
    }

    public double max() {
        return values.isEmpty() ? Double.NaN : values.get(values.size() - 1);
    }

    public int count() {
        return values.size();
    }
}
