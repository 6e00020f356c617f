package io.meshcanary.judge;

import java.util.Arrays;
import java.util.Optional;

/**
 * Classes a metric's canary samples against the baseline's as Kayenta's Mann-Whitney classifier does: High when the
 * shift's whole interval lies above zero and the ratio of means exceeds the allowed increase, Low for the mirror image,
 * each only in a direction the metric watches; Pass otherwise.
 */
public final class MetricClassifier {

    private MetricClassifier() {
    }

    /** @param canary and {@code baseline}: finite samples, in any order */
    public static MetricJudgement classify(double[] canary, double[] baseline, Thresholds thresholds) {
        SeriesSummary canarySummary = SeriesSummary.of(canary);
        SeriesSummary baselineSummary = SeriesSummary.of(baseline);
        if (canary.length < thresholds.minSamples() || baseline.length < thresholds.minSamples()) {
            return new MetricJudgement(Classification.NO_DATA, canarySummary, baselineSummary, Double.NaN,
                    Optional.empty());
        }
        double effect = ratio(canarySummary.mean(), baselineSummary.mean());
        if (indistinguishable(canary, baseline)) {
            return new MetricJudgement(Classification.PASS, canarySummary, baselineSummary, effect, Optional.empty());
        }
        RankSumResult test = RankSumTest.compare(canary, baseline, thresholds.confidence());
        Classification classification = Classification.PASS;
        if (thresholds.direction().watchesIncrease() && test.low() > 0 && effect > thresholds.allowedIncrease()) {
            classification = Classification.HIGH;
        } else if (thresholds.direction().watchesDecrease() && test.high() < 0
                && effect < thresholds.allowedDecrease()) {
            classification = Classification.LOW;
        }
        return new MetricJudgement(classification, canarySummary, baselineSummary, effect, Optional.of(test));
    }

    /** The same values in any order, or one value throughout both: no test can tell the tracks apart. */
    private static boolean indistinguishable(double[] canary, double[] baseline) {
        double[] sortedCanary = canary.clone();
        double[] sortedBaseline = baseline.clone();
        Arrays.sort(sortedCanary);
        Arrays.sort(sortedBaseline);
        return Arrays.equals(sortedCanary, sortedBaseline) || sortedCanary[0] == sortedCanary[canary.length - 1]
                && sortedBaseline[0] == sortedBaseline[baseline.length - 1] && sortedCanary[0] == sortedBaseline[0];
    }

    private static double ratio(double canaryMean, double baselineMean) {
        if (baselineMean == 0) {
            return canaryMean == 0 ? 1 : Math.copySign(Double.POSITIVE_INFINITY, canaryMean);
        }
        return canaryMean / baselineMean;
    }
}
