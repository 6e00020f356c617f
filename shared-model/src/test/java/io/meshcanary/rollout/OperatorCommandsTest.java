package io.meshcanary.rollout;

import static io.meshcanary.testing.RolloutFakes.APP;
import static io.meshcanary.testing.RolloutFakes.CLUSTER;
import static io.meshcanary.testing.RolloutFakes.PRIMARY_SERVICE;
import static io.meshcanary.testing.RolloutFakes.TASK_DEFINITION_7;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.meshcanary.port.ConcurrentUpdateException;
import io.meshcanary.testing.FakeWorkflows;
import io.meshcanary.testing.RolloutFakes;
import io.meshcanary.testing.SampleSpecs;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** An operator's abort, approve and promote, and their races with the workflow. */
class OperatorCommandsTest extends WorkflowScenario {

    @Test
    void abortRevertsTrafficAndNextAnalysisRollsBack() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);
        analyzeAfterInterval(context);
        steps.setWeight(context, 1);

        steps.abort(CLUSTER, APP, "p99 latency doubled");

        assertThat(fakes.router().weights(APP)).as("at once, not at the next step").isEqualTo(Weights.ALL_PRIMARY);
        Rollout aborted = fakes.store().record(SERVICE);
        assertThat(aborted.phase()).isEqualTo(Phase.ABORTED);
        assertThat(aborted.reason()).isEqualTo("aborted by an operator: p99 latency doubled");
        assertThat(aborted.weights()).isEqualTo(Weights.ALL_PRIMARY);

        int readsBefore = fakes.metrics().reads();
        Decision decision = analyzeAfterInterval(context);

        assertThat(decision)
                .isEqualTo(new Decision(Decision.Next.ROLLBACK, "aborted by an operator: p99 latency doubled"));
        assertThat(fakes.metrics().reads()).as("no analysis of an aborted canary").isEqualTo(readsBefore);

        steps.rollback(context, "AnalysisFailed: " + decision.summary());

        Rollout failed = fakes.store().record(SERVICE);
        assertThat(failed.phase()).isEqualTo(Phase.FAILED);
        assertThat(failed.reason()).as("the first reason stays")
                .isEqualTo("aborted by an operator: p99 latency doubled");
        assertThat(fakes.ecs().service(CLUSTER, APP).desiredCount()).isZero();
    }

    /**
     * The workflow reaches the rollback of an aborted rollout through its AnalysisFailed state (the analysis of an
     * ABORTED record answers "rollback"); what the operator did must still read as an abort, not as a failed analysis.
     */
    @Test
    void operatorsAbortIsLabelledAsOneInTheRecordItsHistoryAndTheRollbackEvent() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);

        steps.abort(CLUSTER, APP, "practice");
        Decision decision = analyzeAfterInterval(context);
        steps.rollback(context, "AnalysisFailed: " + decision.summary());

        Rollout failed = fakes.store().record(SERVICE);
        assertThat(failed.reason()).isEqualTo("aborted by an operator: practice");
        assertThat(failed.history()).filteredOn(entry -> entry.phase() == Phase.ABORTED
                        || entry.phase() == Phase.ROLLING_BACK || entry.phase() == Phase.FAILED)
                .extracting(HistoryEntry::note).filteredOn(note -> !note.startsWith("all traffic on the primary"))
                .isNotEmpty().allSatisfy(note -> assertThat(note).isEqualTo("aborted by an operator: practice"));
        assertThat(fakes.events().published()).filteredOn(event -> event.type().equals(RolloutEvent.ROLLED_BACK))
                .singleElement().satisfies(event -> assertThat(event.reason())
                        .isEqualTo("aborted by an operator: practice"));
    }

    @Test
    void secondAbortKeepsTheFirstReasonAndTheTrafficOnThePrimary() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);
        steps.abort(CLUSTER, APP, "p99 latency doubled");

        steps.abort(CLUSTER, APP, "aborted again");

        Rollout aborted = fakes.store().record(SERVICE);
        assertThat(aborted.phase()).isEqualTo(Phase.ABORTED);
        assertThat(aborted.reason()).isEqualTo("aborted by an operator: p99 latency doubled");
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
        assertThat(fakes.router().canaryWeightsApplied(APP)).as("each abort re-asserts the primary")
                .containsExactly(10, 0, 0);
    }

    @Test
    void abortedRolloutTakesNoMoreTraffic() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);
        assertThat(analyzeAfterInterval(context).next()).isEqualTo(Decision.Next.CONTINUE);
        // The alarm fires after the analysis passed, while the workflow heads for the next step.
        steps.abort(CLUSTER, APP, "alarm orders-5xx is in ALARM");

        RolloutFailedException error = catchThrowableOfType(RolloutFailedException.class,
                () -> steps.setWeight(context, 1));

        assertThat(error).hasMessageContaining("alarm orders-5xx is in ALARM");
        assertThat(fakes.router().canaryWeightsApplied(APP)).containsExactly(10, 0);
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
        assertThat(fakes.store().record(SERVICE).phase()).isEqualTo(Phase.ABORTED);
    }

    @Test
    void abortWinsOverAnAnalysisInFlightAndKeepsItsReason() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);
        fakes.store().beforeNextSave(() -> steps.abort(CLUSTER, APP, "p99 latency doubled"));

        ConcurrentUpdateException lost = catchThrowableOfType(ConcurrentUpdateException.class,
                () -> analyzeAfterInterval(context));

        assertThat(lost).isNotNull();
        assertThat(fakes.store().record(SERVICE).phase()).as("the analysis did not overwrite the abort")
                .isEqualTo(Phase.ABORTED);

        steps.rollback(context, "io.meshcanary.port.ConcurrentUpdateException: " + lost.getMessage());

        assertThat(fakes.store().record(SERVICE).phase()).isEqualTo(Phase.FAILED);
        assertThat(fakes.store().record(SERVICE).reason()).isEqualTo("aborted by an operator: p99 latency doubled");
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
    }

    @Test
    void approveSendsTheStoredToken() {
        String manual = SampleSpecs.ordersWith(root -> SampleSpecs.at(root, "gates", "prePromotion")
                .put("type", "manual"));
        RolloutContext context = context(EXECUTION, manual);
        assertThat(steps.initialize(context, DEPLOYMENT, manual).prePromotionGate()).isEqualTo(GateKind.MANUAL);
        canaryRegisters(context);
        passAllSteps(context);

        steps.awaitApproval(context, GateStage.PRE_PROMOTION, TOKEN);
        assertThat(fakes.store().record(SERVICE).approvalToken()).isEqualTo(TOKEN);
        steps.approve(CLUSTER, APP);

        assertThat(fakes.workflows().approved()).containsExactly(TOKEN);
        assertThat(fakes.workflows().approvedToPromote()).as("no promotion was asked for").isEmpty();
        assertThat(fakes.store().record(SERVICE).approvalToken()).isNull();
        assertThat(fakes.store().record(SERVICE).history()).last().extracting(HistoryEntry::note)
                .isEqualTo("approved by an operator");

        InvalidInputException again = catchThrowableOfType(InvalidInputException.class,
                () -> steps.approve(CLUSTER, APP));

        assertThat(again.field()).isEqualTo("action");
        assertThat(fakes.workflows().approved()).containsExactly(TOKEN);
    }

    @Test
    void approveAfterPromoteAtTheGateBeforeAStepTellsTheWorkflowToAnalyseAgainNotToStep() {
        RolloutContext context = atAManualPreStepGate();
        steps.awaitApproval(context, GateStage.PRE_STEP, TOKEN);

        steps.promoteNow(CLUSTER, APP);
        steps.approve(CLUSTER, APP);

        assertThat(fakes.workflows().approvedToPromote()).containsExactly(TOKEN);
        assertThat(fakes.router().canaryWeightsApplied(APP)).containsExactly(10);
        assertThat(analyzeAfterInterval(context).next()).isEqualTo(Decision.Next.PROMOTE);
    }

    @Test
    void abortAtAManualGateRejectsTheWaitingToken() {
        RolloutContext context = atAManualPreStepGate();
        steps.awaitApproval(context, GateStage.PRE_STEP, TOKEN);

        steps.abort(CLUSTER, APP, null);

        assertThat(fakes.workflows().rejected())
                .containsExactly(new FakeWorkflows.Failure(TOKEN, "Aborted", "aborted by an operator"));
        assertThat(fakes.workflows().approved()).isEmpty();
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
    }

    /**
     * The manual gate and the abort race for the record; the workflow retries the loser's lost conditional write (its
     * Retry on ConcurrentUpdateException, WorkflowRetryTest), and either way nothing waits at the gate for an answer.
     */
    @Test
    void abortThatLosesTheRaceToAManualGateRejectsItsTokenWhenRetried() {
        RolloutContext context = atAManualPreStepGate();
        fakes.store().beforeNextSave(() -> steps.awaitApproval(context, GateStage.PRE_STEP, TOKEN));

        assertThatThrownBy(() -> steps.abort(CLUSTER, APP, null))
                .isInstanceOf(ConcurrentUpdateException.class);
        assertThat(fakes.router().weights(APP)).as("traffic first").isEqualTo(Weights.ALL_PRIMARY);
        steps.abort(CLUSTER, APP, null);

        assertThat(fakes.workflows().rejected())
                .containsExactly(new FakeWorkflows.Failure(TOKEN, "Aborted", "aborted by an operator"));
        assertThat(fakes.store().record(SERVICE).phase()).isEqualTo(Phase.ABORTED);
    }

    @Test
    void manualGateThatLosesTheRaceToAnAbortGoesToTheRollbackWhenRetried() {
        RolloutContext context = atAManualPreStepGate();
        fakes.store().beforeNextSave(() -> steps.abort(CLUSTER, APP, null));

        assertThatThrownBy(() -> steps.awaitApproval(context, GateStage.PRE_STEP, TOKEN))
                .isInstanceOf(ConcurrentUpdateException.class);
        assertThatThrownBy(() -> steps.awaitApproval(context, GateStage.PRE_STEP, TOKEN))
                .isInstanceOf(RolloutFailedException.class).hasMessage("aborted by an operator");

        assertThat(fakes.store().record(SERVICE).approvalToken()).as("nothing waits at the gate").isNull();
        assertThat(fakes.workflows().rejected()).isEmpty();
    }

    @Test
    void promoteNowSkipsTheRemainingStepsAfterAPassingAnalysis() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);

        steps.promoteNow(CLUSTER, APP);
        Decision decision = analyzeAfterInterval(context);
        steps.promote(context);

        assertThat(decision.next()).isEqualTo(Decision.Next.PROMOTE);
        assertThat(decision.summary()).startsWith("promotion requested by an operator; 2 passed");
        assertThat(fakes.router().canaryWeightsApplied(APP)).containsExactly(10);
        assertThat(fakes.ecs().service(CLUSTER, PRIMARY_SERVICE).taskDefinition()).isEqualTo(TASK_DEFINITION_7);
        assertThat(fakes.store().record(SERVICE).phase()).isEqualTo(Phase.PROMOTING);
    }

    @Test
    void promoteNowNeverSkipsTheAnalysis() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);
        fakes.metrics().datapoints(ERROR_RATE, 7.0, 6.5, 8.0);

        steps.promoteNow(CLUSTER, APP);

        assertThat(analyzeAfterInterval(context).next()).as("one failed check of two").isEqualTo(Decision.Next.CONTINUE);
        steps.setWeight(context, 1);
        assertThat(analyzeAfterInterval(context).next()).isEqualTo(Decision.Next.ROLLBACK);
        assertThat(fakes.store().record(SERVICE).phase()).isEqualTo(Phase.PROGRESSING);
    }

    static Stream<Arguments> commands() {
        return Stream.of(
                command("approve", steps -> steps.approve(CLUSTER, APP)),
                command("abort", steps -> steps.abort(CLUSTER, APP, null)),
                command("promote", steps -> steps.promoteNow(CLUSTER, APP)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void commandForAServiceWithoutAnActiveRolloutIsRejected(Consumer<RolloutSteps> command) {
        RolloutFakes.Footprint untouched = fakes.footprint();

        InvalidInputException none = catchThrowableOfType(InvalidInputException.class, () -> command.accept(steps));

        assertThat(none.field()).isEqualTo("service");
        assertThat(none).hasMessage("service: orders has no active rollout in cluster shop");
        assertThat(fakes.footprint()).isEqualTo(untouched);

        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.rollback(context, "States.Timeout");
        RolloutFakes.Footprint ended = fakes.footprint();

        InvalidInputException afterEnd = catchThrowableOfType(InvalidInputException.class,
                () -> command.accept(steps));

        assertThat(afterEnd.field()).isEqualTo("service");
        assertThat(fakes.footprint()).isEqualTo(ended);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"offboard", "pause", "Promote", "promote "})
    void actionThatIsNoOperatorCommandIsNamedAndRunsNothing(String action) {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);
        RolloutFakes.Footprint before = fakes.footprint();

        InvalidInputException error = catchThrowableOfType(InvalidInputException.class,
                () -> steps.command(OperatorCommand.named(action), CLUSTER, APP, null));

        assertThat(error.field()).isEqualTo("action");
        assertThat(error).hasMessageContaining(action).hasMessageContaining("[abort, approve, promote]");
        assertThat(fakes.footprint()).isEqualTo(before);
        assertThat(fakes.store().record(SERVICE).promoteRequested()).isFalse();
    }

    @Test
    void eachCommandRunsWhatItNames() {
        RolloutContext context = atAManualPreStepGate();
        steps.awaitApproval(context, GateStage.PRE_STEP, TOKEN);

        steps.command(OperatorCommand.named("approve"), CLUSTER, APP, "unused");
        steps.command(OperatorCommand.named("promote"), CLUSTER, APP, "unused");

        assertThat(fakes.workflows().approved()).containsExactly(TOKEN);
        assertThat(fakes.store().record(SERVICE).promoteRequested()).isTrue();
        assertThat(fakes.store().record(SERVICE).phase()).isEqualTo(Phase.PROGRESSING);

        steps.command(OperatorCommand.named("abort"), CLUSTER, APP, "p99 doubled");

        assertThat(fakes.store().record(SERVICE).phase()).isEqualTo(Phase.ABORTED);
        assertThat(fakes.store().record(SERVICE).reason()).isEqualTo("aborted by an operator: p99 doubled");
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
    }
}
