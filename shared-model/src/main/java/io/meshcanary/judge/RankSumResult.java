package io.meshcanary.judge;

/**
 * The two-sided Mann-Whitney U test of the canary against the baseline, and the shift between them.
 *
 * @param statistic the canary's U, which R's {@code wilcox.test} reports as W
 * @param pValue the two-sided p-value
 * @param exact whether the p-value and the interval come from the exact null distribution (no ties, both samples
 *        under 50) rather than the normal approximation with tie and continuity correction
 * @param hodgesLehmann the median of all pairwise differences canary − baseline
 * @param low the lower end of the shift's confidence interval
 * @param high the upper end of the shift's confidence interval
 */
public record RankSumResult(double statistic, double pValue, boolean exact, double hodgesLehmann, double low,
        double high) {
}
