package io.meshcanary.rollout;

import static io.meshcanary.testing.RolloutFakes.APP;
import static io.meshcanary.testing.RolloutFakes.CLUSTER;
import static io.meshcanary.testing.RolloutFakes.START;
import static io.meshcanary.testing.RolloutFakes.TASK_DEFINITION_6;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.meshcanary.model.Track;
import io.meshcanary.rollout.AlarmOutcome.GuardedRollout;
import io.meshcanary.spec.CanarySpec;
import io.meshcanary.testing.FakeWorkflows;
import io.meshcanary.testing.RolloutFakes;
import io.meshcanary.testing.SampleSpecs;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The alarm fast path against fakes of its ports. {@code orders} was released before and its rollout of revision 7
 * stands at 10% when the alarm its spec names, {@code orders-5xx}, changes state.
 */
class AlarmGuardTest {

    private static final String DEPLOYMENT = "ecs-svc/4719802350938163742";
    private static final String EXECUTION = "shop-orders-4719802350938163742";
    private static final String SERVICE = "shop/orders";
    private static final String ALARM = "orders-5xx";
    private static final String CROSSED = "Threshold Crossed: 1 datapoint [7.0] was greater than or equal to 1.0";
    private static final String TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAcmIfQ==";

    private final RolloutFakes fakes = RolloutFakes.ordersReleasedBefore();
    private final RolloutSteps steps = fakes.steps();
    private final AlarmGuard guard = fakes.alarmGuard();

    @BeforeEach
    void canaryIsHealthy() {
        fakes.metrics().datapoints("error-rate", 0.2, 0.1, 0.3);
    }

    @Test
    void alarmOfAnActiveRolloutRevertsTrafficAndAbortsIt() {
        RolloutContext context = canaryAtTenPercent(SampleSpecs.orders());

        AlarmOutcome outcome = guard.onAlarmStateChange(ALARM, "ALARM", CROSSED);

        assertThat(outcome.action()).isEqualTo(AlarmOutcome.ABORTED);
        assertThat(outcome.rollouts()).containsExactly(new GuardedRollout(SERVICE, DEPLOYMENT, EXECUTION, true));
        assertThat(fakes.router().weights(APP)).as("at once, not at the next step").isEqualTo(Weights.ALL_PRIMARY);
        Rollout aborted = fakes.store().record(SERVICE);
        assertThat(aborted.phase()).isEqualTo(Phase.ABORTED);
        assertThat(aborted.reason()).isEqualTo("alarm orders-5xx is in ALARM: " + CROSSED);
        assertThat(aborted.weights()).isEqualTo(Weights.ALL_PRIMARY);
        assertThat(fakes.ecs().service(CLUSTER, APP).desiredCount()).as("scaling in is the workflow's")
                .isPositive();

        // The workflow's next step reads ABORTED and rolls back.
        RolloutFailedException next = catchThrowableOfType(RolloutFailedException.class,
                () -> steps.setWeight(context, 1));
        steps.rollback(context, "RolloutFailed: " + next.getMessage());

        Rollout failed = fakes.store().record(SERVICE);
        assertThat(failed.phase()).isEqualTo(Phase.FAILED);
        assertThat(failed.reason()).contains(ALARM);
        assertThat(fakes.router().canaryWeightsApplied(APP)).containsExactly(10, 0, 0);
        assertThat(fakes.ecs().service(CLUSTER, APP).desiredCount()).isZero();
    }

    @Test
    void alarmRevertsARolloutWhoseSpecTheSchemaHasSinceTightened() {
        canaryAtTenPercent(SampleSpecs.orders());
        Rollout r = fakes.store().record(SERVICE);
        // A stack update made the schema refuse what Initialize accepted; the running rollout keeps its spec.
        String refusedNow = r.spec().replaceFirst("\\{", "{\"retiredField\": true, ");
        fakes.store().given(new Rollout(r.service(), r.cluster(), r.app(), r.deploymentId(), r.execution(),
                r.bootstrap(), r.phase(), r.step(), r.weights(), r.failedChecks(), r.inconclusiveStreak(),
                r.crashedTasks(), r.canaryTaskDefinition(), r.primaryTaskDefinition(), refusedNow, r.reason(),
                r.approvalToken(), r.promoteRequested(), r.history(), r.version(), r.updatedAt(), r.teamTargets()));

        AlarmOutcome outcome = guard.onAlarmStateChange(ALARM, "ALARM", CROSSED);

        assertThat(outcome.action()).isEqualTo(AlarmOutcome.ABORTED);
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
    }

    @Test
    void okTransitionChangesNothing() {
        canaryAtTenPercent(SampleSpecs.orders());
        RolloutFakes.Footprint before = fakes.footprint();

        AlarmOutcome ok = guard.onAlarmStateChange(ALARM, "OK", "Threshold Crossed: back under 1.0");
        AlarmOutcome noData = guard.onAlarmStateChange(ALARM, "INSUFFICIENT_DATA", "no datapoints");

        assertThat(ok.action()).isEqualTo(AlarmOutcome.IGNORED_NOT_ALARM);
        assertThat(noData.action()).isEqualTo(AlarmOutcome.IGNORED_NOT_ALARM);
        assertThat(fakes.footprint()).isEqualTo(before);
        assertThat(fakes.store().activeReads()).as("not even a read").isZero();
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.canaryAt(10));
    }

    @Test
    void alarmOfNoRolloutChangesNothing() {
        canaryAtTenPercent(SampleSpecs.orders());
        RolloutFakes.Footprint before = fakes.footprint();

        AlarmOutcome outcome = guard.onAlarmStateChange("payments-5xx", "ALARM", CROSSED);

        assertThat(outcome.action()).isEqualTo(AlarmOutcome.IGNORED_NO_ROLLOUT);
        assertThat(outcome.rollouts()).isEmpty();
        assertThat(fakes.footprint()).isEqualTo(before);
        assertThat(fakes.store().record(SERVICE).phase()).isEqualTo(Phase.PROGRESSING);
    }

    @Test
    void alarmOfAnEndedRolloutChangesNothing() {
        fakes.store().given(Rollout.start(CLUSTER, APP, DEPLOYMENT, EXECUTION, false, TASK_DEFINITION_6,
                TASK_DEFINITION_6, SampleSpecs.orders(), START).moveTo(Phase.SUCCEEDED, "promoted", START));
        RolloutFakes.Footprint before = fakes.footprint();

        AlarmOutcome outcome = guard.onAlarmStateChange(ALARM, "ALARM", CROSSED);

        assertThat(outcome.action()).isEqualTo(AlarmOutcome.IGNORED_NO_ROLLOUT);
        assertThat(fakes.footprint()).isEqualTo(before);
    }

    @Test
    void duplicateAlarmEventsDoNoHarm() {
        RolloutContext context = canaryAtTenPercent(SampleSpecs.orders());
        guard.onAlarmStateChange(ALARM, "ALARM", CROSSED);
        Rollout aborted = fakes.store().record(SERVICE);
        RolloutFakes.Footprint afterFirst = fakes.footprint();

        AlarmOutcome again = guard.onAlarmStateChange(ALARM, "ALARM", CROSSED);
        AlarmOutcome later = guard.onAlarmStateChange(ALARM, "ALARM", "Threshold Crossed: 9.0 >= 1.0");

        assertThat(again.action()).isEqualTo(AlarmOutcome.ALREADY_ABORTED);
        assertThat(again.rollouts()).containsExactly(new GuardedRollout(SERVICE, DEPLOYMENT, EXECUTION, false));
        assertThat(later.action()).isEqualTo(AlarmOutcome.ALREADY_ABORTED);
        assertThat(fakes.footprint()).as("no write, no route change").isEqualTo(afterFirst);
        assertThat(fakes.store().record(SERVICE)).as("the ABORTED record is left as it is").isEqualTo(aborted);

        steps.rollback(context, "RolloutFailed: " + aborted.reason());
        AlarmOutcome afterRollback = guard.onAlarmStateChange(ALARM, "ALARM", CROSSED);

        assertThat(afterRollback.action()).as("a late duplicate finds the rollout ended")
                .isEqualTo(AlarmOutcome.IGNORED_NO_ROLLOUT);
        assertThat(fakes.store().record(SERVICE).phase()).isEqualTo(Phase.FAILED);
    }

    @Test
    void alarmAtAManualGateRejectsTheWaitingToken() {
        String manual = SampleSpecs.ordersWith(root -> SampleSpecs.at(root, "gates", "preStep")
                .put("type", "manual"));
        RolloutContext context = canaryAtTenPercent(manual);
        steps.awaitApproval(context, GateStage.PRE_STEP, TOKEN);

        guard.onAlarmStateChange(ALARM, "ALARM", CROSSED);
        guard.onAlarmStateChange(ALARM, "ALARM", CROSSED);

        assertThat(fakes.workflows().rejected()).as("once, though the event came twice").containsExactly(
                new FakeWorkflows.Failure(TOKEN, "Aborted", "alarm orders-5xx is in ALARM: " + CROSSED));
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
    }

    @Test
    void alarmThatLandsWhileAStepWritesTheRecordStillAborts() {
        RolloutContext context = canaryAtTenPercent(SampleSpecs.orders());
        fakes.clock().advanceSeconds(60);
        fakes.store().beforeNextSave(() -> steps.analyze(context));

        AlarmOutcome outcome = guard.onAlarmStateChange(ALARM, "ALARM", CROSSED);

        assertThat(outcome.action()).isEqualTo(AlarmOutcome.ABORTED);
        Rollout aborted = fakes.store().record(SERVICE);
        assertThat(aborted.phase()).isEqualTo(Phase.ABORTED);
        assertThat(aborted.history()).extracting(HistoryEntry::note).as("the analysis wrote first")
                .anyMatch(note -> note.contains("passed"));
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
    }

    @Test
    void alarmAbortsOnlyTheRolloutsWhoseAnalysisNamesIt() {
        canaryAtTenPercent(SampleSpecs.orders());
        String paymentsSpec = SampleSpecs.ordersWith(root -> SampleSpecs.at(root, "analysis")
                .putArray("alarms").add("payments-5xx"));
        Rollout payments = Rollout.start(CLUSTER, "payments", "ecs-svc/1", "shop-payments-1", false,
                TASK_DEFINITION_6, TASK_DEFINITION_6, paymentsSpec, START)
                .moveTo(Phase.PROGRESSING, "traffic shifting", START)
                .withStep(1, Weights.canaryAt(20), START);
        fakes.store().given(payments);
        fakes.router().given("payments", Weights.canaryAt(20));

        AlarmOutcome outcome = guard.onAlarmStateChange(ALARM, "ALARM", CROSSED);

        assertThat(outcome.rollouts()).extracting(GuardedRollout::service).containsExactly(SERVICE);
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
        assertThat(fakes.router().weights("payments")).isEqualTo(Weights.canaryAt(20));
        assertThat(fakes.store().record("shop/payments")).isEqualTo(payments);
    }

    /** The rollout of revision 7 after its first weight step, as the workflow leaves it during the first wait. */
    @Test
    void alarmAbortIsAnnouncedAsAFailedAnalysisAndTheRollbackThatFollowsAsRolledBack() {
        RolloutContext context = canaryAtTenPercent(SampleSpecs.orders());

        guard.onAlarmStateChange(ALARM, "ALARM", CROSSED);
        guard.onAlarmStateChange(ALARM, "ALARM", CROSSED);
        assertThat(steps.analyze(context).next()).isEqualTo(Decision.Next.ROLLBACK);
        steps.rollback(context, "AlarmAborted");

        assertThat(fakes.events().types()).containsExactly(RolloutEvent.ROLLOUT_STARTED, RolloutEvent.WEIGHT_CHANGED,
                RolloutEvent.ANALYSIS_FAILED, RolloutEvent.ROLLED_BACK);
        RolloutEvent failed = fakes.events().published().get(2);
        assertThat(failed.phase()).isEqualTo(Phase.ABORTED);
        assertThat(failed.canaryWeight()).isZero();
        assertThat(failed.reason()).isEqualTo("alarm orders-5xx is in ALARM: " + CROSSED);
    }

    @Test
    void failingPublisherStillAbortsTheRollout() {
        canaryAtTenPercent(SampleSpecs.orders());
        fakes.events().failsWith(new IllegalStateException("bus unreachable"));

        AlarmOutcome outcome = guard.onAlarmStateChange(ALARM, "ALARM", CROSSED);

        assertThat(outcome.action()).isEqualTo(AlarmOutcome.ABORTED);
        assertThat(fakes.store().record(SERVICE).phase()).isEqualTo(Phase.ABORTED);
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
    }

    @Test
    void lateAlarmEventsAbortNothing() {
        canaryAtTenPercent(SampleSpecs.orders());
        RolloutFakes.Footprint before = fakes.footprint();

        AlarmOutcome older = guard.onAlarmEvent(ALARM, "ALARM", CROSSED, START.minusSeconds(120));
        fakes.metrics().ok(ALARM);
        AlarmOutcome recovered = guard.onAlarmEvent(ALARM, "ALARM", CROSSED, fakes.clock().instant());

        assertThat(older.action()).as("it went off before the rollout").isEqualTo(AlarmOutcome.IGNORED_NO_ROLLOUT);
        assertThat(recovered.action()).as("it is OK again").isEqualTo(AlarmOutcome.IGNORED_NOT_ALARM);
        assertThat(fakes.footprint().ignoringMetricReads()).isEqualTo(before);
        assertThat(fakes.store().record(SERVICE).phase()).isEqualTo(Phase.PROGRESSING);
    }

    @Test
    void alarmEventStillInAlarmAbortsTheRollout() {
        canaryAtTenPercent(SampleSpecs.orders());
        fakes.metrics().alarm(ALARM);

        AlarmOutcome outcome = guard.onAlarmEvent(ALARM, "ALARM", CROSSED, fakes.clock().instant());

        assertThat(outcome.action()).isEqualTo(AlarmOutcome.ABORTED);
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
    }

    @Test
    void oneRolloutThatCannotBeAbortedLeavesNoOtherUnprotected() {
        canaryAtTenPercent(SampleSpecs.orders());
        // payments names the same alarm, but its route is gone: reverting it fails.
        Rollout payments = Rollout.start(CLUSTER, "payments", "ecs-svc/1", "shop-payments-1", false,
                TASK_DEFINITION_6, TASK_DEFINITION_6, SampleSpecs.orders(), START)
                .moveTo(Phase.PROGRESSING, "traffic shifting", START);
        fakes.store().given(payments);

        assertThatThrownBy(() -> guard.onAlarmStateChange(ALARM, "ALARM", CROSSED))
                .as("the event's retry decides again").isInstanceOf(RuntimeException.class);

        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
        assertThat(fakes.store().record(SERVICE).phase()).isEqualTo(Phase.ABORTED);
        assertThat(fakes.store().record("shop/payments")).isEqualTo(payments);
    }

    private RolloutContext canaryAtTenPercent(String specJson) {
        RolloutContext context = new RolloutContext(CLUSTER, APP, EXECUTION, CanarySpec.parse(specJson));
        steps.initialize(context, DEPLOYMENT, specJson);
        Instant since = steps.scaleCanary(context);
        fakes.tasksRunning(Track.CANARY, "7", context.spec().canary().desiredCount());
        assertThat(steps.capacityReady(context, Track.CANARY, since)).isTrue();
        steps.setWeight(context, 0);
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.canaryAt(10));
        return context;
    }
}
