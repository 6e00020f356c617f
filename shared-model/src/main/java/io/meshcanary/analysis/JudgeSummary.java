package io.meshcanary.analysis;

import io.meshcanary.judge.JudgedMetric;
import io.meshcanary.judge.MetricJudgement;
import io.meshcanary.judge.RankSumResult;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the judge found in one analysis round, as the rollout record, the Analysis Failed event and the CLI keep it:
 * every figure a reader needs to check each class. A figure that does not exist (the median of no samples, the
 * p-value of series no test can tell apart, a ratio to a zero mean) is null, so that the record stays plain JSON.
 *
 * @param score 0–100, null when no group had data
 * @param outcome {@code pass}, {@code marginal}, {@code fail} or {@code inconclusive}; in a dry run, what the judge
 *        would have decided
 * @param dryRun whether the judge only reported
 */
public record JudgeSummary(Double score, String outcome, boolean dryRun, List<Metric> metrics) {

    public JudgeSummary {
        Objects.requireNonNull(outcome, "outcome");
        metrics = List.copyOf(metrics);
    }

    /**
     * One metric's class and what it rests on.
     *
     * @param classification Kayenta's name: {@code Pass}, {@code High}, {@code Low} or {@code NoData}
     * @param ratio the ratio of means canary / baseline
     * @param low and {@code high}: the Hodges-Lehmann shift's confidence interval
     */
    public record Metric(String name, String group, String classification, boolean critical, boolean dryRun,
            int canaryCount, int baselineCount, Double canaryMedian, Double baselineMedian, Double ratio,
            Double pValue, Double shift, Double low, Double high) {

        public Metric {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(classification, "classification");
        }

        static Metric of(JudgedMetric metric) {
            MetricJudgement judgement = metric.judgement();
            RankSumResult test = judgement.test().orElse(null);
            return new Metric(metric.name(), metric.group(), judgement.classification().label(), metric.critical(),
                    metric.dryRun(), judgement.canary().count(), judgement.baseline().count(),
                    finite(judgement.canary().median()), finite(judgement.baseline().median()),
                    finite(judgement.effect()), test == null ? null : test.pValue(),
                    test == null ? null : test.hodgesLehmann(), test == null ? null : test.low(),
                    test == null ? null : test.high());
        }
    }

    static JudgeSummary of(JudgeReport report) {
        return new JudgeSummary(finite(report.score().score()),
                report.score().outcome().name().toLowerCase(Locale.ROOT), report.dryRun(),
                report.metrics().stream().map(Metric::of).toList());
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
