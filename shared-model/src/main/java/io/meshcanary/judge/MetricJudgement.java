package io.meshcanary.judge;

import java.util.Objects;
import java.util.Optional;

/**
 * One metric's class and what it rests on.
 *
 * @param effect the ratio of means canary / baseline; 1 when both are zero, infinite when only the baseline's is
 * @param test the rank-sum test; empty for NoData and for series no test can tell apart (identical or all one value)
 */
public record MetricJudgement(Classification classification, SeriesSummary canary, SeriesSummary baseline,
        double effect, Optional<RankSumResult> test) {

    public MetricJudgement {
        Objects.requireNonNull(classification, "classification");
        Objects.requireNonNull(canary, "canary");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(test, "test");
    }
}
