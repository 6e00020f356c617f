package io.meshcanary.judge;

import java.util.Arrays;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.ContinuityCorrection;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.apache.commons.statistics.inference.PValueMethod;
import org.apache.commons.statistics.ranking.NaturalRanking;

/**
 * The two-sided Mann-Whitney U test and the Hodges-Lehmann shift with its confidence interval, computed as R's
 * {@code wilcox.test(canary, baseline, conf.int = TRUE, conf.level = confidence)} computes them: exact below 50 values
 * per sample without ties, else the normal approximation with tie and continuity correction. Commons Statistics
 * computes the test; the interval, which it does not offer, is computed here.
 */
public final class RankSumTest {

    /** R's wilcox.test is exact while both samples hold fewer values than this and no value ties another. */
    static final int EXACT_BELOW = 50;

    private static final MannWhitneyUTest EXACT = test(PValueMethod.EXACT);
    private static final MannWhitneyUTest ASYMPTOTIC = test(PValueMethod.ASYMPTOTIC);
    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);
    private static final NaturalRanking RANKING = new NaturalRanking();

    private RankSumTest() {
    }

    /**
     * @param canary at least one finite value
     * @param baseline at least one finite value
     * @param confidence the interval's confidence, in (0, 1)
     * @throws IllegalArgumentException if a sample is empty, or every value of both is the same (no test can tell
     *         them apart; the classifier passes such series without a test)
     */
    public static RankSumResult compare(double[] canary, double[] baseline, double confidence) {
        if (canary.length == 0 || baseline.length == 0) {
            throw new IllegalArgumentException("both samples need at least one value, had %d and %d"
                    .formatted(canary.length, baseline.length));
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must lie in (0, 1), was " + confidence);
        }
        double[] differences = sortedDifferences(canary, baseline);
        if (allTied(canary, baseline)) {
            throw new IllegalArgumentException("every value of both samples is " + canary[0]);
        }
        boolean exact = canary.length < EXACT_BELOW && baseline.length < EXACT_BELOW && !hasTies(canary, baseline);
        MannWhitneyUTest.Result result = (exact ? EXACT : ASYMPTOTIC).test(canary, baseline);
        double alpha = 1 - confidence;
        double low;
        double high;
        if (exact) {
            int n = canary.length;
            int m = baseline.length;
            int qu = Math.max(new WilcoxonDistribution(n, m).quantile(alpha / 2), 1);
            low = differences[qu - 1];
            high = differences[n * m - qu];
        } else {
            double z = NORMAL.inverseSurvivalProbability(alpha / 2);
            low = root(canary, baseline, differences, z);
            high = root(canary, baseline, differences, -z);
        }
        return new RankSumResult(result.getStatistic(), result.getPValue(), exact, sortedMedian(differences), low,
                high);
    }

    /** The median of the values, which need not be sorted. */
    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sortedMedian(sorted);
    }

    private static double sortedMedian(double[] sorted) {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static MannWhitneyUTest test(PValueMethod method) {
        return MannWhitneyUTest.withDefaults().with(AlternativeHypothesis.TWO_SIDED).with(method)
                .with(ContinuityCorrection.ENABLED);
    }

    private static double[] sortedDifferences(double[] canary, double[] baseline) {
        double[] differences = new double[canary.length * baseline.length];
        int k = 0;
        for (double c : canary) {
            for (double b : baseline) {
                differences[k++] = c - b;
            }
        }
        Arrays.sort(differences);
        return differences;
    }

    private static boolean hasTies(double[] canary, double[] baseline) {
        double[] pooled = pooled(canary, baseline, 0);
        Arrays.sort(pooled);
        for (int i = 1; i < pooled.length; i++) {
            if (pooled[i] == pooled[i - 1]) {
                return true;
            }
        }
        return false;
    }

    private static boolean allTied(double[] canary, double[] baseline) {
        return Arrays.stream(pooled(canary, baseline, 0)).distinct().count() == 1;
    }

    private static double[] pooled(double[] canary, double[] baseline, double shift) {
        double[] pooled = new double[canary.length + baseline.length];
        for (int i = 0; i < canary.length; i++) {
            pooled[i] = canary[i] - shift;
        }
        System.arraycopy(baseline, 0, pooled, canary.length, baseline.length);
        return pooled;
    }

    /**
     * Where the standardised statistic of canary − d against the baseline, less {@code z}, changes sign: R's
     * {@code wilcox.test} finds it with {@code uniroot} to a tolerance of 1e-4. The statistic only changes at the
     * pairwise differences, so the root is the difference that starts the first stretch where it is not positive,
     * found here exactly by bisection over those stretches.
     */
    private static double root(double[] canary, double[] baseline, double[] differences, double z) {
        double[] distinct = Arrays.stream(differences).distinct().toArray();
        int first = 1;
        int last = distinct.length - 1;
        if (last < first || standardised(canary, baseline, between(distinct, first)) - z <= 0) {
            return distinct[0];
        }
        if (standardised(canary, baseline, between(distinct, last)) - z > 0) {
            return distinct[last];
        }
        // Invariant: the stretch before distinct[first] is positive, the one before distinct[last] is not.
        while (last - first > 1) {
            int middle = (first + last) >>> 1;
            if (standardised(canary, baseline, between(distinct, middle)) - z > 0) {
                first = middle;
            } else {
                last = middle;
            }
        }
        return distinct[first];
    }

    /** A shift strictly between the (i-1)th and the ith distinct difference: no canary value ties a baseline one. */
    private static double between(double[] distinct, int i) {
        return (distinct[i - 1] + distinct[i]) / 2;
    }

    /** The continuity-corrected, tie-corrected z of the canary's U when the canary is shifted by {@code d}. */
    private static double standardised(double[] canary, double[] baseline, double d) {
        int n = canary.length;
        int m = baseline.length;
        double[] ranks = RANKING.apply(pooled(canary, baseline, d));
        double rankSum = 0;
        for (int i = 0; i < n; i++) {
            rankSum += ranks[i];
        }
        double dz = rankSum - n * (n + 1) / 2.0 - n * (double) m / 2;
        double[] sorted = ranks.clone();
        Arrays.sort(sorted);
        double ties = 0;
        for (int i = 0, j; i < sorted.length; i = j) {
            j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            double t = j - i;
            ties += t * t * t - t;
        }
        double sigma = Math.sqrt(n * (double) m / 12 * ((n + m + 1) - ties / ((n + m) * (double) (n + m - 1))));
        return (dz - Math.signum(dz) * 0.5) / sigma;
    }
}
