package io.meshcanary.judge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores judged metrics as Kayenta's weighted-sum scorer does: per group, passes ÷ classified × 100; the groups
 * weighted into one score; a critical failure makes it 0. Unlike Kayenta's, a scored group without data makes the
 * judge inconclusive rather than lowering or raising the score, since too little data is never a pass.
 */
public final class Scorecard {

    private Scorecard() {
    }

    /**
     * @param groupWeights weights of the groups; a group not listed weighs 1
     * @param pass the lowest score that passes
     * @param marginal the lowest score that is marginal rather than a failure, at most {@code pass}
     */
    public static JudgeScore score(List<JudgedMetric> metrics, Map<String, Double> groupWeights, double pass,
            double marginal) {
        Map<String, int[]> tallies = new TreeMap<>();
        for (JudgedMetric metric : metrics) {
            if (metric.dryRun()) {
                continue;
            }
            int[] tally = tallies.computeIfAbsent(metric.group(), group -> new int[2]);
            if (metric.classified()) {
                tally[1]++;
                tally[0] += metric.failed() ? 0 : 1;
            }
        }
        Map<String, Double> groups = new LinkedHashMap<>();
        double weighted = 0;
        double weights = 0;
        boolean missing = false;
        for (Map.Entry<String, int[]> tally : tallies.entrySet()) {
            int[] counts = tally.getValue();
            if (counts[1] == 0) {
                groups.put(tally.getKey(), Double.NaN);
                missing = true;
                continue;
            }
            double score = 100.0 * counts[0] / counts[1];
            double weight = groupWeights.getOrDefault(tally.getKey(), 1.0);
            groups.put(tally.getKey(), score);
            weighted += weight * score;
            weights += weight;
        }
        List<String> critical = metrics.stream().filter(metric -> metric.critical() && metric.failed())
                .map(JudgedMetric::name).toList();
        if (!critical.isEmpty()) {
            return new JudgeScore(0, groups, JudgeOutcome.FAIL, critical);
        }
        double score = weights == 0 ? Double.NaN : weighted / weights;
        JudgeOutcome outcome;
        if (missing || weights == 0) {
            outcome = JudgeOutcome.INCONCLUSIVE;
        } else if (score >= pass) {
            outcome = JudgeOutcome.PASS;
        } else {
            outcome = score >= marginal ? JudgeOutcome.MARGINAL : JudgeOutcome.FAIL;
        }
        return new JudgeScore(score, groups, outcome, critical);
    }
}
