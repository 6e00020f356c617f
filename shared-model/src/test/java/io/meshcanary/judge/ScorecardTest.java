package io.meshcanary.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScorecardTest {

    private static final double PASS = 95;
    private static final double MARGINAL = 75;

    @Test
    void everyMetricPassingScoresAHundred() {
        JudgeScore score = Scorecard.score(List.of(metric("p99", "latency", Classification.PASS),
                metric("errors", "errors", Classification.PASS)), Map.of(), PASS, MARGINAL);

        assertThat(score.score()).isEqualTo(100);
        assertThat(score.outcome()).isEqualTo(JudgeOutcome.PASS);
    }

    @Test
    void eachGroupScoresPassesOverClassifiedAndTheGroupsAreWeighted() {
        List<JudgedMetric> metrics = List.of(
                metric("p50", "latency", Classification.PASS),
                metric("p90", "latency", Classification.PASS),
                metric("p99", "latency", Classification.HIGH),
                metric("p999", "latency", Classification.NO_DATA),
                metric("5xx", "errors", Classification.PASS));

        JudgeScore score = Scorecard.score(metrics, Map.of("latency", 3.0), PASS, MARGINAL);

        assertThat(score.groups()).containsEntry("errors", 100.0);
        assertThat(score.groups().get("latency")).isCloseTo(200.0 / 3, within(1e-9));
        assertThat(score.score()).isCloseTo((3 * 200.0 / 3 + 100) / 4, within(1e-9));
        assertThat(Scorecard.score(metrics, Map.of(), PASS, MARGINAL).score()).isCloseTo(250.0 / 3, within(1e-9));
    }

    @Test
    void aScoreBetweenTheThresholdsIsMarginal() {
        List<JudgedMetric> metrics = List.of(metric("a", "g", Classification.PASS),
                metric("b", "g", Classification.PASS), metric("c", "g", Classification.PASS),
                metric("d", "g", Classification.LOW));

        JudgeScore score = Scorecard.score(metrics, Map.of(), PASS, MARGINAL);

        assertThat(score.score()).isEqualTo(75);
        assertThat(score.outcome()).isEqualTo(JudgeOutcome.MARGINAL);
    }

    @Test
    void aCriticalFailureMakesTheScoreZero() {
        List<JudgedMetric> metrics = List.of(metric("p99", "latency", Classification.PASS),
                new JudgedMetric("5xx", "errors", true, false, false, judgement(Classification.HIGH)),
                metric("cpu", "saturation", Classification.PASS), metric("mem", "saturation", Classification.PASS));

        JudgeScore score = Scorecard.score(metrics, Map.of(), PASS, MARGINAL);

        assertThat(score.score()).isZero();
        assertThat(score.outcome()).isEqualTo(JudgeOutcome.FAIL);
        assertThat(score.criticalFailures()).containsExactly("5xx");
    }

    @Test
    void aGroupWithoutDataIsInconclusiveNeverAPass() {
        List<JudgedMetric> metrics = List.of(metric("p99", "latency", Classification.PASS),
                metric("5xx", "errors", Classification.NO_DATA));

        JudgeScore score = Scorecard.score(metrics, Map.of(), PASS, MARGINAL);

        assertThat(score.outcome()).isEqualTo(JudgeOutcome.INCONCLUSIVE);
        assertThat(score.groups().get("errors")).isNaN();
        assertThat(Scorecard.score(List.of(metric("p99", "latency", Classification.NO_DATA)), Map.of(), PASS,
                MARGINAL).score()).isNaN();
    }

    @Test
    void noDataOfAMetricThatMustHaveDataIsAFailure() {
        List<JudgedMetric> metrics = List.of(metric("p99", "latency", Classification.PASS),
                new JudgedMetric("requests", "latency", false, true, false, judgement(Classification.NO_DATA)));

        JudgeScore score = Scorecard.score(metrics, Map.of(), PASS, MARGINAL);

        assertThat(score.score()).isEqualTo(50);
        assertThat(score.outcome()).isEqualTo(JudgeOutcome.FAIL);
    }

    @Test
    void aDryRunMetricIsReportedButNeverScored() {
        List<JudgedMetric> metrics = List.of(metric("p99", "latency", Classification.PASS),
                new JudgedMetric("p999", "latency", true, true, true, judgement(Classification.HIGH)));

        JudgeScore score = Scorecard.score(metrics, Map.of(), PASS, MARGINAL);

        assertThat(score.score()).isEqualTo(100);
        assertThat(score.outcome()).isEqualTo(JudgeOutcome.PASS);
        assertThat(score.criticalFailures()).isEmpty();
    }

    private static JudgedMetric metric(String name, String group, Classification classification) {
        return new JudgedMetric(name, group, false, false, false, judgement(classification));
    }

    private static MetricJudgement judgement(Classification classification) {
        SeriesSummary summary = new SeriesSummary(10, 1, 1);
        return new MetricJudgement(classification, summary, summary, 1, Optional.empty());
    }
}
