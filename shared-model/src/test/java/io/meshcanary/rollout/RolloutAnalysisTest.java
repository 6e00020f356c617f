package io.meshcanary.rollout;

import static io.meshcanary.testing.RolloutFakes.APP;
import static io.meshcanary.testing.RolloutFakes.CLUSTER;
import static io.meshcanary.testing.RolloutFakes.PRIMARY_SERVICE;
import static io.meshcanary.testing.RolloutFakes.TASK_DEFINITION_6;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Named.named;

import io.meshcanary.analysis.CheckOutcome;
import io.meshcanary.analysis.CheckResult;
import io.meshcanary.spec.MetricCheck;
import io.meshcanary.testing.SampleSpecs;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The analysis after each step: alarms, metric checks, inconclusive rounds and the threshold. */
class RolloutAnalysisTest extends WorkflowScenario {

    @Test
    void failingMetricCheckRollsBackAtThreshold() {
        fakes.metrics().datapoints(ERROR_RATE, 3.0, 2.5, 4.0);
        RolloutContext context = canaryUp(SampleSpecs.orders());

        steps.setWeight(context, 0);
        Decision first = analyzeAfterInterval(context);
        steps.setWeight(context, 1);
        Decision second = analyzeAfterInterval(context);

        assertThat(first.next()).as("1 of 2 failed checks").isEqualTo(Decision.Next.CONTINUE);
        assertThat(second.next()).as("2 of 2 failed checks").isEqualTo(Decision.Next.ROLLBACK);
        assertThat(second.summary()).contains("1 failed (error-rate)").contains("failed checks 2 of 2");
        assertThat(fakes.store().record(SERVICE).failedChecks()).isEqualTo(2);

        steps.rollback(context, "AnalysisFailed: " + second.summary());

        Rollout failed = fakes.store().record(SERVICE);
        assertThat(failed.phase()).isEqualTo(Phase.FAILED);
        assertThat(failed.reason()).isEqualTo("AnalysisFailed: " + second.summary());
        assertThat(failed.weights()).isEqualTo(Weights.ALL_PRIMARY);
        assertThat(fakes.router().canaryWeightsApplied(APP)).containsExactly(10, 20, 0);
        assertThat(fakes.ecs().service(CLUSTER, APP).desiredCount()).isZero();
        assertThat(fakes.ecs().service(CLUSTER, PRIMARY_SERVICE).taskDefinition()).isEqualTo(TASK_DEFINITION_6);
    }

    /** The rollout view shows each check of the last round against its limit, from the record alone. */
    @Test
    void analysisRoundKeepsEachChecksMeasurementAgainstItsLimitInItsHistoryEntry() {
        fakes.metrics().datapoints(ERROR_RATE, 3.0, 2.5, 4.0);
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);

        analyzeAfterInterval(context);

        HistoryEntry round = fakes.store().record(SERVICE).history().getLast();
        assertThat(round.checks()).extracting(CheckResult::check, CheckResult::outcome).contains(
                tuple(ERROR_RATE, CheckOutcome.FAIL));
        assertThat(round.checks()).filteredOn(check -> check.check().equals(ERROR_RATE)).singleElement()
                .extracting(CheckResult::detail).asString().contains("above max");
    }

    @Test
    void analysisRollbackAnnouncesEachFailedCheckThenTheRollback() {
        fakes.metrics().datapoints(ERROR_RATE, 3.0, 2.5, 4.0);
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);
        analyzeAfterInterval(context);
        steps.setWeight(context, 1);
        Decision second = analyzeAfterInterval(context);
        steps.rollback(context, "AnalysisFailed: " + second.summary());

        assertThat(fakes.events().types()).containsExactly(RolloutEvent.ROLLOUT_STARTED, RolloutEvent.WEIGHT_CHANGED,
                RolloutEvent.ANALYSIS_FAILED, RolloutEvent.WEIGHT_CHANGED, RolloutEvent.ANALYSIS_FAILED,
                RolloutEvent.ROLLED_BACK);
        RolloutEvent failed = fakes.events().published().get(4);
        assertThat(failed.reason()).isEqualTo(second.summary());
        assertThat(failed.canaryWeight()).isEqualTo(20);
        RolloutEvent rolledBack = fakes.events().published().getLast();
        assertThat(rolledBack.phase()).isEqualTo(Phase.FAILED);
        assertThat(rolledBack.canaryWeight()).isZero();
        assertThat(rolledBack.reason()).isEqualTo("AnalysisFailed: " + second.summary());
    }

    @Test
    void inconclusiveRoundThatBecomesAFailedCheckIsAnnounced() {
        fakes.metrics().datapoints(ERROR_RATE);
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);
        analyzeAfterInterval(context);
        assertThat(fakes.events().types()).as("one inconclusive round is no failed check yet")
                .doesNotContain(RolloutEvent.ANALYSIS_FAILED);
        steps.setWeight(context, 1);
        analyzeAfterInterval(context);

        assertThat(fakes.events().types()).endsWith(RolloutEvent.WEIGHT_CHANGED, RolloutEvent.ANALYSIS_FAILED);
    }

    static Stream<Arguments> tooLittleData() {
        return Stream.of(
                Arguments.of(named("no datapoints at all", new Double[0])),
                Arguments.of(named("two of the three samples needed", new Double[] {0.1, 0.2})),
                Arguments.of(named("three datapoints, one a gap", new Double[] {0.1, null, 0.2})),
                Arguments.of(named("three datapoints, one not a number", new Double[] {0.1, Double.NaN, 0.2})));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tooLittleData")
    void noDataIsNeverAPass(Double[] datapoints) {
        // One inconclusive result counts as a failed check, and one failed check rolls back.
        String strict = SampleSpecs.ordersWith(root -> SampleSpecs.at(root, "analysis")
                .put("threshold", 1).put("inconclusiveAsFailureAfter", 1));
        fakes.metrics().datapoints(ERROR_RATE, datapoints);
        RolloutContext context = canaryUp(strict);
        steps.setWeight(context, 0);

        Decision decision = analyzeAfterInterval(context);

        assertThat(decision.next()).isEqualTo(Decision.Next.ROLLBACK);
        assertThat(decision.summary()).contains("1 inconclusive (error-rate)").doesNotContain("2 passed");
    }

    @Test
    void inconclusiveRoundsCountAsOneFailedCheckOnlyOnceTheSpecSaysSo() {
        fakes.metrics().datapoints(ERROR_RATE);
        RolloutContext context = canaryUp(SampleSpecs.orders());

        steps.setWeight(context, 0);
        Decision first = analyzeAfterInterval(context);
        Rollout afterFirst = fakes.store().record(SERVICE);
        steps.setWeight(context, 1);
        analyzeAfterInterval(context);
        Rollout afterSecond = fakes.store().record(SERVICE);

        assertThat(first.next()).isEqualTo(Decision.Next.CONTINUE);
        assertThat(afterFirst.inconclusiveStreak()).isEqualTo(1);
        assertThat(afterFirst.failedChecks()).isZero();
        assertThat(afterSecond.inconclusiveStreak()).isZero();
        assertThat(afterSecond.failedChecks()).as("two inconclusive in a row count as one failed").isEqualTo(1);
    }

    @Test
    void alarmInAlarmFailsTheCheck() {
        fakes.metrics().alarm(ALARM);
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);

        Decision decision = analyzeAfterInterval(context);

        assertThat(decision.summary()).contains("1 passed").contains("1 failed (orders-5xx)");
        assertThat(decision.next()).as("1 of 2 failed checks").isEqualTo(Decision.Next.CONTINUE);
        assertThat(fakes.store().record(SERVICE).failedChecks()).isEqualTo(1);
        assertThat(fakes.metrics().alarmReads()).containsExactly(List.of(ALARM));
    }

    @Test
    void metricQueriesAreAskedForTheCanarysVirtualNode() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);

        analyzeAfterInterval(context);

        MetricCheck read = fakes.metrics().checksRead().getFirst();
        assertThat(read.name()).isEqualTo(ERROR_RATE);
        assertThat(read.queries().getFirst().metric().orElseThrow().dimensions())
                .isEqualTo(Map.of("Mesh", "shop", "VirtualNode", "orders-canary"));
    }

    @Test
    void alarmThatDoesNotExistIsInconclusiveAndNamedInTheRecord() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);
        fakes.metrics().missing(ALARM);

        Decision decision = analyzeAfterInterval(context);

        assertThat(decision.summary()).contains("1 inconclusive (" + ALARM + ")").endsWith("; no alarm named " + ALARM);
        Rollout record = fakes.store().record(SERVICE);
        assertThat(record.inconclusiveStreak()).isEqualTo(1);
        assertThat(record.history().getLast().note()).endsWith("no alarm named " + ALARM);
    }
}
