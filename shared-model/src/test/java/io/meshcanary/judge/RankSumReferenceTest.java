package io.meshcanary.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Reference values from R 4.2.2's wilcox.test, an implementation independent of this one, for each case as
 * {@code Rscript -e 'r <- wilcox.test(CANARY, BASELINE, conf.int = TRUE, conf.level = 0.98); print(c(r$statistic,
 * r$p.value, r$conf.int), digits = 17); print(median(outer(CANARY, BASELINE, "-")), digits = 17)'}, with the p-values
 * checked again with SciPy 1.17.1 as {@code scipy.stats.mannwhitneyu(CANARY, BASELINE, method=M)}, M "exact" or
 * "asymptotic" as named. R finds the normal approximation's interval ends with uniroot to a tolerance of 1e-4; this
 * implementation finds the step where they lie exactly, hence the looser offset there.
 */
class RankSumReferenceTest {

    private static final double CONFIDENCE = 0.98;
    private static final Offset<Double> EXACTLY = within(1e-12);
    private static final Offset<Double> UNIROOT = within(1e-4);

    @Test
    void smallSamplesWithoutTiesGetExactPValueAndInterval() {
        // CANARY = c(1.83,0.50,1.62,2.48,1.68,1.88,1.55,3.06,1.30), BASELINE = c(0.878,0.647,0.598,2.05,1.06,1.29,1.07,
        // 3.14,1.28); SciPy method="exact": 0.13591114767585355
        RankSumResult result = RankSumTest.compare(new double[] {1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30},
                new double[] {0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.07, 3.14, 1.28}, CONFIDENCE);

        assertThat(result.exact()).isTrue();
        assertThat(result.statistic()).isEqualTo(58);
        assertThat(result.pValue()).isCloseTo(0.13591114767585355, EXACTLY);
        assertThat(result.low()).isCloseTo(-0.5, EXACTLY);
        assertThat(result.high()).isCloseTo(1.232, EXACTLY);
        assertThat(result.hodgesLehmann()).isCloseTo(0.56, EXACTLY);
    }

    @Test
    void tinySamplesGetTheWidestExactInterval() {
        // CANARY = c(1.2, 3.4), BASELINE = c(0.5, 0.7, 0.9): R gives W 6, p 0.2, interval [0.3, 2.9]; SciPy exact: 0.2
        RankSumResult two = RankSumTest.compare(new double[] {1.2, 3.4}, new double[] {0.5, 0.7, 0.9}, CONFIDENCE);
        // CANARY = c(5), BASELINE = c(1, 2, 3, 4): R gives W 4, p 0.4, interval [1, 4]
        RankSumResult one = RankSumTest.compare(new double[] {5}, new double[] {1, 2, 3, 4}, CONFIDENCE);

        assertThat(two.statistic()).isEqualTo(6);
        assertThat(two.pValue()).isCloseTo(0.2, EXACTLY);
        assertThat(two.low()).isCloseTo(0.3, EXACTLY);
        assertThat(two.high()).isCloseTo(2.9, EXACTLY);
        assertThat(two.hodgesLehmann()).isCloseTo(1.6, EXACTLY);
        assertThat(one.statistic()).isEqualTo(4);
        assertThat(one.pValue()).isCloseTo(0.4, EXACTLY);
        assertThat(one.low()).isEqualTo(1);
        assertThat(one.high()).isEqualTo(4);
        assertThat(one.hodgesLehmann()).isEqualTo(2.5);
    }

    @Test
    void tiesTakeTheNormalApproximationWithTieAndContinuityCorrection() {
        // CANARY = c(1,2,2,3,4,7), BASELINE = c(2,3,3,5,6,6,8): R gives W 12, p 0.21885377557711413, interval
        // [-5.0000071693744506, 1.999950222337409]; SciPy method="asymptotic": 0.21885377557711416
        RankSumResult result = RankSumTest.compare(new double[] {1, 2, 2, 3, 4, 7},
                new double[] {2, 3, 3, 5, 6, 6, 8}, CONFIDENCE);

        assertThat(result.exact()).isFalse();
        assertThat(result.statistic()).isEqualTo(12);
        assertThat(result.pValue()).isCloseTo(0.21885377557711413, EXACTLY);
        assertThat(result.low()).isCloseTo(-5.0000071693744506, UNIROOT);
        assertThat(result.high()).isCloseTo(1.999950222337409, UNIROOT);
        assertThat(result.hodgesLehmann()).isEqualTo(-1.5);
    }

    @Test
    void twoDifferentConstantSeriesAreTestedAndShiftedByTheirDifference() {
        // CANARY = rep(5, 10), BASELINE = rep(3, 10), without conf.int (R cannot compute an interval when every
        // shifted value ties): W 100, p 1.5937911688066268e-05; SciPy method="asymptotic": 1.5937911688066244e-05.
        // Every pairwise difference is 2, so the interval can only be [2, 2].
        RankSumResult result = RankSumTest.compare(constant(5, 10), constant(3, 10), CONFIDENCE);

        assertThat(result.statistic()).isEqualTo(100);
        assertThat(result.pValue()).isCloseTo(1.5937911688066268e-05, within(1e-18));
        assertThat(result.hodgesLehmann()).isEqualTo(2);
        assertThat(result.low()).isEqualTo(2);
        assertThat(result.high()).isEqualTo(2);
    }

    @Test
    void threeHundredSamplesTakeTheNormalApproximation() {
        // i <- 0:299; CANARY = 100.5 + ((i*53) %% 97)/10, BASELINE = 100 + ((i*37) %% 101)/10: R gives W 47541,
        // p 0.23143712833804872, interval [-0.29999696053949892, 0.80002925044041984]; SciPy method="asymptotic":
        // 0.23143712833804875
        double[] canary = IntStream.range(0, 300).mapToDouble(i -> 100.5 + ((i * 53) % 97) / 10.0).toArray();
        double[] baseline = IntStream.range(0, 300).mapToDouble(i -> 100 + ((i * 37) % 101) / 10.0).toArray();

        RankSumResult result = RankSumTest.compare(canary, baseline, CONFIDENCE);

        assertThat(result.exact()).isFalse();
        assertThat(result.statistic()).isEqualTo(47541);
        assertThat(result.pValue()).isCloseTo(0.23143712833804872, EXACTLY);
        assertThat(result.low()).isCloseTo(-0.29999696053949892, UNIROOT);
        assertThat(result.high()).isCloseTo(0.80002925044041984, UNIROOT);
        assertThat(result.hodgesLehmann()).isCloseTo(0.3, EXACTLY);
    }

    @Test
    void fortyNineValuesAreStillExactAndFiftyAreNot() {
        // j <- 0:48; CANARY = 10 + ((j*31) %% 49)/7 + 0.001, BASELINE = 9 + ((j*17) %% 49)/7: R gives W 1540,
        // p 0.015546031479292413, interval [0.00099999999999944578, 2.0009999999999994]; SciPy method="exact":
        // 0.015546031479292321
        RankSumResult exact = RankSumTest.compare(shifted(49, 31, 10.001), shifted(49, 17, 9), CONFIDENCE);
        // k <- 0:49, the same with %% 50: R gives W 1597, p 0.016907707503191163, interval
        // [0.00094862058962347966, 2.0010513794103764]
        RankSumResult asymptotic = RankSumTest.compare(shifted(50, 31, 10.001), shifted(50, 17, 9), CONFIDENCE);

        assertThat(exact.exact()).isTrue();
        assertThat(exact.statistic()).isEqualTo(1540);
        assertThat(exact.pValue()).isCloseTo(0.015546031479292413, within(1e-15));
        assertThat(exact.low()).isCloseTo(0.001, EXACTLY);
        assertThat(exact.high()).isCloseTo(2.001, EXACTLY);
        assertThat(exact.hodgesLehmann()).isCloseTo(1.001, EXACTLY);
        assertThat(asymptotic.exact()).isFalse();
        assertThat(asymptotic.statistic()).isEqualTo(1597);
        assertThat(asymptotic.pValue()).isCloseTo(0.016907707503191163, EXACTLY);
        assertThat(asymptotic.low()).isCloseTo(0.00094862058962347966, UNIROOT);
        assertThat(asymptotic.high()).isCloseTo(2.0010513794103764, UNIROOT);
    }

    @Test
    void seriesOfOneValueThroughoutCannotBeTested() {
        assertThatThrownBy(() -> RankSumTest.compare(constant(4, 5), constant(4, 7), CONFIDENCE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("every value of both samples is 4");
    }

    private static double[] constant(double value, int count) {
        return IntStream.range(0, count).mapToDouble(i -> value).toArray();
    }

    /** {@code offset + ((i * step) %% count) / 7} for i in 0..count-1, a permutation of evenly spaced values. */
    private static double[] shifted(int count, int step, double offset) {
        return IntStream.range(0, count).mapToDouble(i -> offset + ((i * step) % count) / 7.0).toArray();
    }
}
