package io.meshcanary.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.spec.MetricCheck;
import io.meshcanary.spec.MetricQuery;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetricEvaluationTest {

    private static final MetricCheck ERROR_RATE = check(OptionalDouble.empty(), OptionalDouble.of(1.0), 3);
    private static final MetricCheck THROUGHPUT = check(OptionalDouble.of(100), OptionalDouble.empty(), 1);
    private static final MetricCheck BAND = check(OptionalDouble.of(10), OptionalDouble.of(20), 2);

    @Test
    void noDataIsNeverAPass() {
        assertThat(MetricEvaluation.evaluate(ERROR_RATE, List.of()))
                .isEqualTo(CheckResult.inconclusive("error-rate", "0 of 3 samples"));
        assertThat(MetricEvaluation.evaluate(THROUGHPUT, List.of()).outcome()).isEqualTo(CheckOutcome.INCONCLUSIVE);
    }

    @Test
    void fewerSamplesThanNeededIsInconclusiveEvenIfTheyLookGood() {
        assertThat(MetricEvaluation.evaluate(ERROR_RATE, List.of(0.0, 0.0)))
                .isEqualTo(CheckResult.inconclusive("error-rate", "2 of 3 samples"));
    }

    @Test
    void fewerSamplesThanNeededIsInconclusiveEvenIfTheyLookBad() {
        assertThat(MetricEvaluation.evaluate(ERROR_RATE, List.of(50.0, 50.0)).outcome())
                .isEqualTo(CheckOutcome.INCONCLUSIVE);
    }

    @Test
    void gapsInTheDataAreNotSamples() {
        List<Double> gappy = new ArrayList<>(Arrays.asList(0.1, null, Double.NaN, Double.POSITIVE_INFINITY, 0.2));

        assertThat(MetricEvaluation.evaluate(ERROR_RATE, gappy))
                .isEqualTo(CheckResult.inconclusive("error-rate", "2 of 3 samples"));
    }

    @Test
    void meanAboveMaxFailsNamingTheValueAndTheBound() {
        assertThat(MetricEvaluation.evaluate(ERROR_RATE, List.of(1.0, 2.0, 2.1)))
                .isEqualTo(CheckResult.fail("error-rate", "mean 1.7 of 3 samples is above max 1"));
    }

    @Test
    void meanBelowMinFailsNamingTheValueAndTheBound() {
        assertThat(MetricEvaluation.evaluate(THROUGHPUT, List.of(99.5)))
                .isEqualTo(CheckResult.fail("error-rate", "mean 99.5 of 1 sample is below min 100"));
    }

    @Test
    void meanWithinTheBoundsPassesSayingBy() {
        assertThat(MetricEvaluation.evaluate(ERROR_RATE, List.of(0.2, 0.4, 0.3)))
                .isEqualTo(CheckResult.pass("error-rate", "mean 0.3 of 3 samples is within max 1"));
        assertThat(MetricEvaluation.evaluate(BAND, List.of(12.0, 14.0)))
                .isEqualTo(CheckResult.pass("error-rate", "mean 13 of 2 samples is within [10, 20]"));
    }

    @Test
    void aSingleSpikeDoesNotFailWhenTheMeanHolds() {
        assertThat(MetricEvaluation.evaluate(ERROR_RATE, List.of(0.0, 0.0, 0.0, 0.0, 4.0)).outcome())
                .isEqualTo(CheckOutcome.PASS);
    }

    @ParameterizedTest(name = "min 10 max 20, samples {0} -> {1}")
    @CsvSource(delimiter = ';', value = {
            "10; PASS", "20; PASS", "15; PASS", "9.999; FAIL", "20.001; FAIL", "-5; FAIL", "1e9; FAIL",
            "10 20; PASS", "5 25; PASS", "0 0; FAIL", "30 30; FAIL", "5 14; FAIL", "19 22; FAIL"})
    void boundsAreInclusiveAndTheMeanDecides(String samples, CheckOutcome expected) {
        MetricCheck band = check(OptionalDouble.of(10), OptionalDouble.of(20), 1);
        List<Double> values = Arrays.stream(samples.split(" ")).map(Double::valueOf).toList();

        assertThat(MetricEvaluation.evaluate(band, values).outcome()).isEqualTo(expected);
    }

    @Test
    void valuesAreShownWithoutNoise() {
        assertThat(MetricEvaluation.shown(1.0)).isEqualTo("1");
        assertThat(MetricEvaluation.shown(0.1 + 0.2)).isEqualTo("0.3");
        assertThat(MetricEvaluation.shown(2.0 / 3)).isEqualTo("0.666667");
        assertThat(MetricEvaluation.shown(1234567.0)).isEqualTo("1234570");
        assertThat(MetricEvaluation.shown(-0.5)).isEqualTo("-0.5");
    }

    private static MetricCheck check(OptionalDouble min, OptionalDouble max, int minSamples) {
        return new MetricCheck("error-rate",
                List.of(new MetricQuery("rate", Optional.of("100 * errors / requests"), Optional.empty(), true)),
                min, max, minSamples, 60, 300);
    }
}
