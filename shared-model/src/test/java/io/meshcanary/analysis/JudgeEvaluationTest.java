package io.meshcanary.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.meshcanary.judge.Classification;
import io.meshcanary.judge.Direction;
import io.meshcanary.judge.JudgeOutcome;
import io.meshcanary.judge.JudgeSamples;
import io.meshcanary.judge.JudgedMetric;
import io.meshcanary.judge.NanStrategy;
import io.meshcanary.spec.Judge;
import io.meshcanary.spec.JudgeMetric;
import io.meshcanary.spec.MetricQuery;
import io.meshcanary.spec.MetricStat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** From the judge spec and both tracks' series to the per-metric classes, the score and the check result. */
class JudgeEvaluationTest {

    private static final JudgeMetric LATENCY = metric("latency", "latency", false, false, NanStrategy.REMOVE, false);
    private static final JudgeMetric ERRORS = metric("errors", "errors", true, false, NanStrategy.REPLACE, false);

    @Test
    void latencyShiftedThirtyPercentFailsTheJudgeNamingTheMetricHigh() {
        JudgeSamples samples = new JudgeSamples(
                Map.of("latency", latencies(1, 130), "errors", zeros(30)),
                Map.of("latency", latencies(2, 100), "errors", zeros(30)));

        JudgeReport report = JudgeEvaluation.evaluate(judge(false, Judge.OnMarginal.INCONCLUSIVE, LATENCY, ERRORS),
                samples);

        assertThat(report.metrics()).extracting(metric -> metric.judgement().classification())
                .containsExactly(Classification.HIGH, Classification.PASS);
        assertThat(report.score().outcome()).isEqualTo(JudgeOutcome.FAIL);
        assertThat(report.score().score()).isEqualTo(50);
        assertThat(report.check().outcome()).isEqualTo(CheckOutcome.FAIL);
        assertThat(report.check().check()).isEqualTo("judge");
        assertThat(report.check().detail())
                .startsWith("score 50 (pass 95, marginal 75); latency High (ratio 1.25027, p 0.000000517064,"
                        + " shift 22.35 in [13, 32.6])")
                .contains("errors Pass (ratio 1, no difference to test)");
    }

    @Test
    void theSameDistributionPasses() {
        JudgeSamples samples = new JudgeSamples(Map.of("latency", latencies(3, 100)),
                Map.of("latency", latencies(4, 100)));

        JudgeReport report = JudgeEvaluation.evaluate(judge(false, Judge.OnMarginal.FAIL, LATENCY), samples);

        assertThat(report.check().outcome()).isEqualTo(CheckOutcome.PASS);
        assertThat(report.score().score()).isEqualTo(100);
    }

    @Test
    void tooFewSamplesAreInconclusiveNeverAPass() {
        JudgeSamples samples = new JudgeSamples(Map.of("latency", Arrays.asList(101.0, null, 99.0)),
                Map.of("latency", latencies(5, 100)));

        JudgeReport report = JudgeEvaluation.evaluate(judge(false, Judge.OnMarginal.FAIL, LATENCY), samples);

        assertThat(report.metrics().getFirst().judgement().classification()).isEqualTo(Classification.NO_DATA);
        assertThat(report.metrics().getFirst().judgement().canary().count()).isEqualTo(2);
        assertThat(report.check().outcome()).isEqualTo(CheckOutcome.INCONCLUSIVE);
        assertThat(report.check().detail()).contains("latency NoData (2 canary and 30 baseline samples)");
    }

    @Test
    void gapsOfACountReplacedByZeroStillMakeSamples() {
        List<Double> canaryErrors = new ArrayList<>(zeros(30));
        canaryErrors.set(3, null);
        List<Double> baselineErrors = new ArrayList<>();
        IntStream.range(0, 30).forEach(i -> baselineErrors.add(null));

        JudgeReport report = JudgeEvaluation.evaluate(judge(false, Judge.OnMarginal.FAIL, ERRORS),
                new JudgeSamples(Map.of("errors", canaryErrors), Map.of("errors", baselineErrors)));

        assertThat(report.metrics().getFirst().judgement().canary().count()).isEqualTo(30);
        assertThat(report.metrics().getFirst().judgement().baseline().count()).isEqualTo(30);
        assertThat(report.check().outcome()).isEqualTo(CheckOutcome.PASS);
    }

    @Test
    void aCriticalMetricRisingFailsWhateverTheScore() {
        List<Double> errors = new ArrayList<>(zeros(30));
        IntStream.range(0, 30).forEach(i -> errors.set(i, 3.0 + i % 4));
        JudgeMetric p50 = metric("p50", "latency", false, false, NanStrategy.REMOVE, false);
        JudgeMetric p90 = metric("p90", "latency", false, false, NanStrategy.REMOVE, false);

        JudgeReport report = JudgeEvaluation.evaluate(judge(false, Judge.OnMarginal.FAIL, LATENCY, p50, p90, ERRORS),
                new JudgeSamples(Map.of("latency", latencies(6, 100), "p50", latencies(7, 50), "p90",
                        latencies(8, 90), "errors", errors), Map.of("latency", latencies(9, 100), "p50",
                        latencies(10, 50), "p90", latencies(11, 90), "errors", zeros(30))));

        assertThat(report.score().score()).isZero();
        assertThat(report.score().criticalFailures()).containsExactly("errors");
        assertThat(report.check().outcome()).isEqualTo(CheckOutcome.FAIL);
        assertThat(report.check().detail()).contains(", critical errors;").contains("errors High (ratio ∞");
    }

    @Test
    void aDryRunJudgeReportsItsFailureAndPasses() {
        JudgeSamples samples = new JudgeSamples(Map.of("latency", latencies(1, 130)),
                Map.of("latency", latencies(2, 100)));

        JudgeReport report = JudgeEvaluation.evaluate(judge(true, Judge.OnMarginal.FAIL, LATENCY), samples);

        assertThat(report.dryRun()).isTrue();
        assertThat(report.score().outcome()).isEqualTo(JudgeOutcome.FAIL);
        assertThat(report.check().outcome()).isEqualTo(CheckOutcome.PASS);
        assertThat(report.check().detail()).startsWith("dry run, would be fail: score 0").contains("latency High");
    }

    @Test
    void aMarginalScoreDoesWhatOnMarginalSays() {
        List<JudgeMetric> four = new ArrayList<>();
        Map<String, List<Double>> canary = new HashMap<>();
        Map<String, List<Double>> baseline = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            four.add(metric("m" + i, "all", false, false, NanStrategy.REMOVE, false));
            canary.put("m" + i, latencies(20 + i, i == 0 ? 130 : 100));
            baseline.put("m" + i, latencies(30 + i, 100));
        }
        JudgeSamples samples = new JudgeSamples(canary, baseline);
        JudgeMetric[] metrics = four.toArray(JudgeMetric[]::new);

        JudgeReport inconclusive = JudgeEvaluation.evaluate(judge(false, Judge.OnMarginal.INCONCLUSIVE, metrics),
                samples);
        JudgeReport fail = JudgeEvaluation.evaluate(judge(false, Judge.OnMarginal.FAIL, metrics), samples);
        JudgeReport pause = JudgeEvaluation.evaluate(judge(false, Judge.OnMarginal.PAUSE, metrics), samples);

        assertThat(inconclusive.score().outcome()).isEqualTo(JudgeOutcome.MARGINAL);
        assertThat(inconclusive.score().score()).isEqualTo(75);
        assertThat(inconclusive.check().outcome()).isEqualTo(CheckOutcome.INCONCLUSIVE);
        assertThat(inconclusive.pauses()).isFalse();
        assertThat(fail.check().outcome()).isEqualTo(CheckOutcome.FAIL);
        assertThat(pause.pauses()).isTrue();
    }

    @Test
    void aDryRunMetricIsReportedButLeftOutOfTheScore() {
        JudgeMetric shadow = metric("p999", "latency", false, false, NanStrategy.REMOVE, true);

        JudgeReport report = JudgeEvaluation.evaluate(judge(false, Judge.OnMarginal.FAIL, LATENCY, shadow),
                new JudgeSamples(Map.of("latency", latencies(3, 100), "p999", latencies(1, 130)),
                        Map.of("latency", latencies(4, 100), "p999", latencies(2, 100))));

        assertThat(report.metrics()).extracting(JudgedMetric::name, metric -> metric.judgement().classification())
                .containsExactly(tuple("latency", Classification.PASS),
                        tuple("p999", Classification.HIGH));
        assertThat(report.check().outcome()).isEqualTo(CheckOutcome.PASS);
        assertThat(report.check().detail()).contains("p999 (dry run) High");
    }

    private static Judge judge(boolean dryRun, Judge.OnMarginal onMarginal, JudgeMetric... metrics) {
        return new Judge(List.of(metrics), Judge.Baseline.PRIMARY, 0.98, 95, 75, onMarginal, 10, 300, 20, dryRun,
                Map.of());
    }

    private static JudgeMetric metric(String name, String group, boolean critical, boolean mustHaveData,
            NanStrategy nanStrategy, boolean dryRun) {
        MetricQuery query = new MetricQuery("m", Optional.empty(),
                Optional.of(new MetricStat("AWS/ApplicationELB", "TargetResponseTime", Map.of(), "p99")), true);
        return new JudgeMetric(name, List.of(query), Direction.INCREASE, 1.0, 1.0, critical, mustHaveData, group,
                nanStrategy, dryRun);
    }

    /** 30 latencies around {@code centre} ms with a long right tail, as 10 s samples over 5 minutes. */
    private static List<Double> latencies(long seed, double centre) {
        Random random = new Random(seed);
        return IntStream.range(0, 30).mapToObj(i -> Math.round(centre * Math.exp(0.15 * random.nextGaussian())
                * 10) / 10.0).toList();
    }

    private static List<Double> zeros(int count) {
        return IntStream.range(0, count).mapToObj(i -> 0.0).toList();
    }
}
