package io.meshcanary.judge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each judged metric's series on both tracks, by metric name: one value per period of the window, oldest first, null
 * where CloudWatch had no datapoint (which the metric's nanStrategy decides about).
 */
public record JudgeSamples(Map<String, List<Double>> canary, Map<String, List<Double>> baseline) {

    public JudgeSamples {
        canary = copy(canary);
        baseline = copy(baseline);
    }

    /** A metric's series on the canary; empty when it was not read. */
    public List<Double> canary(String metric) {
        return canary.getOrDefault(metric, List.of());
    }

    /** A metric's series on the baseline; empty when it was not read. */
    public List<Double> baseline(String metric) {
        return baseline.getOrDefault(metric, List.of());
    }

    /** List.copyOf refuses the nulls that stand for gaps, so each series is wrapped instead. */
    private static Map<String, List<Double>> copy(Map<String, List<Double>> series) {
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        series.forEach((metric, values) -> copy.put(metric, Collections.unmodifiableList(new ArrayList<>(values))));
        return Collections.unmodifiableMap(copy);
    }
}
