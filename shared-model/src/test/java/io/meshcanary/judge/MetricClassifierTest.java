package io.meshcanary.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetricClassifierTest {

    private static final Thresholds INCREASE = thresholds(Direction.INCREASE, 1.0, 1.0);
    private static final Thresholds EITHER = thresholds(Direction.EITHER, 1.0, 1.0);
    private static final Set<Classification> SWAPPED = EnumSet.noneOf(Classification.class);

    @Test
    void latencyThirtyPercentAboveTheBaselineIsHigh() {
        double[] baseline = latencies(new Random(1), 40, 100);
        double[] canary = latencies(new Random(2), 40, 130);

        MetricJudgement judgement = MetricClassifier.classify(canary, baseline, INCREASE);

        assertThat(judgement.classification()).isEqualTo(Classification.HIGH);
        assertThat(judgement.effect()).isBetween(1.2, 1.4);
        assertThat(judgement.test().orElseThrow().low()).isPositive();
        assertThat(judgement.canary().count()).isEqualTo(40);
        assertThat(judgement.baseline().count()).isEqualTo(40);
    }

    @Test
    void theSameDistributionPasses() {
        MetricJudgement judgement = MetricClassifier.classify(latencies(new Random(3), 40, 100),
                latencies(new Random(4), 40, 100), EITHER);

        assertThat(judgement.classification()).isEqualTo(Classification.PASS);
        assertThat(judgement.test().orElseThrow().low()).isNegative();
        assertThat(judgement.test().orElseThrow().high()).isPositive();
    }

    @Test
    void aSignificantRiseWithinTheAllowedIncreasePasses() {
        double[] baseline = latencies(new Random(1), 40, 100);
        double[] canary = latencies(new Random(2), 40, 130);

        assertThat(MetricClassifier.classify(canary, baseline, thresholds(Direction.INCREASE, 1.5, 1.0))
                .classification()).isEqualTo(Classification.PASS);
        assertThat(MetricClassifier.classify(canary, baseline, thresholds(Direction.INCREASE, 1.2, 1.0))
                .classification()).isEqualTo(Classification.HIGH);
    }

    @Test
    void aFallIsLowOnlyWhereTheMetricWatchesFalls() {
        double[] baseline = latencies(new Random(5), 30, 1000);
        double[] canary = latencies(new Random(6), 30, 600);

        assertThat(MetricClassifier.classify(canary, baseline, INCREASE).classification())
                .isEqualTo(Classification.PASS);
        assertThat(MetricClassifier.classify(canary, baseline, thresholds(Direction.DECREASE, 1.0, 1.0))
                .classification()).isEqualTo(Classification.LOW);
        assertThat(MetricClassifier.classify(canary, baseline, EITHER).classification())
                .isEqualTo(Classification.LOW);
        assertThat(MetricClassifier.classify(canary, baseline, thresholds(Direction.DECREASE, 1.0, 0.5))
                .classification()).isEqualTo(Classification.PASS);
    }

    @Test
    void fewerSamplesThanNeededOnEitherTrackIsNoData() {
        Thresholds needsFive = new Thresholds(Direction.EITHER, 0.98, 1.0, 1.0, 5);

        MetricJudgement shortCanary = MetricClassifier.classify(new double[] {900, 950, 990, 999},
                latencies(new Random(7), 10, 100), needsFive);
        MetricJudgement emptyBaseline = MetricClassifier.classify(latencies(new Random(7), 10, 100), new double[0],
                needsFive);

        assertThat(shortCanary.classification()).isEqualTo(Classification.NO_DATA);
        assertThat(shortCanary.test()).isEmpty();
        assertThat(shortCanary.canary().count()).isEqualTo(4);
        assertThat(emptyBaseline.classification()).isEqualTo(Classification.NO_DATA);
        assertThat(emptyBaseline.baseline().count()).isZero();
    }

    @Test
    void identicalSeriesInAnyOrderPassWithoutATest() {
        MetricJudgement judgement = MetricClassifier.classify(new double[] {3, 1, 2}, new double[] {1, 2, 3}, EITHER);

        assertThat(judgement.classification()).isEqualTo(Classification.PASS);
        assertThat(judgement.effect()).isEqualTo(1);
        assertThat(judgement.test()).isEmpty();
    }

    @Test
    void oneValueThroughoutBothTracksPasses() {
        MetricJudgement zeros = MetricClassifier.classify(new double[5], new double[8], EITHER);

        assertThat(zeros.classification()).isEqualTo(Classification.PASS);
        assertThat(zeros.effect()).isEqualTo(1);
        assertThat(zeros.test()).isEmpty();
    }

    @Test
    void twoDifferentConstantSeriesAreTested() {
        double[] errors = new double[20];
        Arrays.fill(errors, 4);
        double[] none = new double[20];

        MetricJudgement judgement = MetricClassifier.classify(errors, none, INCREASE);

        assertThat(judgement.classification()).isEqualTo(Classification.HIGH);
        assertThat(judgement.effect()).isInfinite();
        assertThat(judgement.test().orElseThrow().hodgesLehmann()).isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18})
    void swappingCanaryAndBaselineFlipsHighAndLow(long seed) {
        Random random = new Random(seed);
        double[] baseline = latencies(random, 5 + random.nextInt(60), 100);
        double[] canary = latencies(random, 5 + random.nextInt(60), 100 + random.nextInt(60));

        Classification forward = MetricClassifier.classify(canary, baseline, EITHER).classification();
        Classification backward = MetricClassifier.classify(baseline, canary, EITHER).classification();

        assertThat(backward).isEqualTo(switch (forward) {
            case HIGH -> Classification.LOW;
            case LOW -> Classification.HIGH;
            default -> forward;
        });
        SWAPPED.add(forward);
    }

    @AfterAll
    static void theSwapPropertyMetBothAChangeAndNone() {
        assertThat(SWAPPED).contains(Classification.HIGH, Classification.PASS);
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24, 25, 26})
    void addingAConstantToBothChangesNothing(long seed) {
        Random random = new Random(seed);
        double[] baseline = latencies(random, 5 + random.nextInt(60), 100);
        double[] canary = latencies(random, 5 + random.nextInt(60), 100 + random.nextInt(60));

        MetricJudgement before = MetricClassifier.classify(canary, baseline, INCREASE);
        MetricJudgement after = MetricClassifier.classify(plus(canary, 250), plus(baseline, 250), INCREASE);

        RankSumResult was = before.test().orElseThrow();
        RankSumResult is = after.test().orElseThrow();
        assertThat(after.classification()).isEqualTo(before.classification());
        assertThat(is.statistic()).isEqualTo(was.statistic());
        assertThat(is.pValue()).isCloseTo(was.pValue(), within(1e-12));
        assertThat(is.hodgesLehmann()).isCloseTo(was.hodgesLehmann(), within(1e-9));
        assertThat(is.low()).isCloseTo(was.low(), within(1e-9));
        assertThat(is.high()).isCloseTo(was.high(), within(1e-9));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.001, 0.5, 3, 1000})
    void scalingBothByAPositiveFactorKeepsTheClass(double factor) {
        for (long seed = 31; seed < 37; seed++) {
            Random random = new Random(seed);
            double[] baseline = latencies(random, 5 + random.nextInt(60), 100);
            double[] canary = latencies(random, 5 + random.nextInt(60), 100 + random.nextInt(60));

            MetricJudgement before = MetricClassifier.classify(canary, baseline, thresholds(Direction.EITHER, 1.1,
                    0.9));
            MetricJudgement after = MetricClassifier.classify(times(canary, factor), times(baseline, factor),
                    thresholds(Direction.EITHER, 1.1, 0.9));

            assertThat(after.classification()).as("seed %d", seed).isEqualTo(before.classification());
            assertThat(after.effect()).isCloseTo(before.effect(), within(1e-9));
            assertThat(after.test().orElseThrow().pValue()).isCloseTo(before.test().orElseThrow().pValue(),
                    within(1e-12));
        }
    }

    /** Latencies around {@code centre} ms with a long right tail, rounded to 0.1 ms as a load balancer reports. */
    static double[] latencies(Random random, int count, double centre) {
        return IntStream.range(0, count)
                .mapToDouble(i -> Math.round(centre * Math.exp(0.15 * random.nextGaussian()) * 10) / 10.0).toArray();
    }

    static Thresholds thresholds(Direction direction, double allowedIncrease, double allowedDecrease) {
        return new Thresholds(direction, 0.98, allowedIncrease, allowedDecrease, 1);
    }

    private static double[] plus(double[] values, double constant) {
        return Arrays.stream(values).map(value -> value + constant).toArray();
    }

    private static double[] times(double[] values, double factor) {
        return Arrays.stream(values).map(value -> value * factor).toArray();
    }
}
