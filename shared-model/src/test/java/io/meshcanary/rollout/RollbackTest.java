package io.meshcanary.rollout;

import static io.meshcanary.testing.RolloutFakes.APP;
import static io.meshcanary.testing.RolloutFakes.CLUSTER;
import static io.meshcanary.testing.RolloutFakes.PRIMARY_SERVICE;
import static io.meshcanary.testing.RolloutFakes.TASK_DEFINITION_6;
import static io.meshcanary.testing.RolloutFakes.TASK_DEFINITION_7;
import static io.meshcanary.testing.RolloutFakes.TASK_DEFINITION_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.model.Track;
import io.meshcanary.testing.RolloutFakes;
import io.meshcanary.testing.SampleSpecs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rollback: idempotent, only for the owner, and never removing the only tasks that serve. */
class RollbackTest extends WorkflowScenario {

    @Test
    void rollbackByAnExecutionThatNoLongerOwnsTheRecordAnnouncesNothing() {
        RolloutContext stale = canaryUp(SampleSpecs.orders());
        steps.setWeight(stale, 0);
        fakes.ecs().given(CLUSTER, APP, TASK_DEFINITION_8, 1);
        steps.initialize(context(NEWER_EXECUTION, SampleSpecs.orders()), NEWER_DEPLOYMENT, SampleSpecs.orders());
        List<String> before = fakes.events().types();

        assertThat(steps.rollback(stale, "States.Timeout")).isEmpty();
        assertThat(steps.rollback(context(NEWER_EXECUTION, SampleSpecs.orders()), "first"))
                .hasValueSatisfying(ended -> assertThat(ended.phase()).isEqualTo(Phase.FAILED));
        assertThat(steps.rollback(context(NEWER_EXECUTION, SampleSpecs.orders()), "again"))
                .as("a retried rollback ends nothing, so it is counted once").isEmpty();

        assertThat(fakes.events().published().subList(before.size(), fakes.events().published().size()))
                .singleElement().satisfies(event -> {
                    assertThat(event.type()).isEqualTo(RolloutEvent.ROLLED_BACK);
                    assertThat(event.execution()).isEqualTo(NEWER_EXECUTION);
                });
    }

    @Test
    void rollbackIsIdempotentAndOnlyForTheOwner() {
        RolloutContext owner = canaryUp(SampleSpecs.orders());
        steps.setWeight(owner, 0);
        RolloutContext stranger = context("shop-orders-1111111111111111111", SampleSpecs.orders());
        RolloutFakes.Footprint beforeStranger = fakes.footprint();

        steps.rollback(stranger, "States.Timeout");

        assertThat(fakes.footprint()).as("a stranger's rollback").isEqualTo(beforeStranger);
        assertThat(fakes.router().weights(APP)).isEqualTo(new Weights(90, 10));

        steps.rollback(owner, "AnalysisFailed: 1 failed (error-rate)");
        Rollout failed = fakes.store().record(SERVICE);
        RolloutFakes.Footprint afterFirst = fakes.footprint();
        steps.rollback(owner, "AnalysisFailed: 1 failed (error-rate)");

        assertThat(failed.phase()).isEqualTo(Phase.FAILED);
        assertThat(failed.history()).extracting(HistoryEntry::phase).endsWith(Phase.ROLLING_BACK, Phase.FAILED);
        assertThat(fakes.router().canaryWeightsApplied(APP)).containsExactly(10, 0);
        assertThat(fakes.ecs().calls()).containsOnlyOnce("scale shop/orders 0");
        assertThat(fakes.footprint()).as("a second rollback").isEqualTo(afterFirst);
        assertThat(fakes.store().record(SERVICE)).isEqualTo(failed);
    }

    @Test
    void rollbackDuringPromotionPutsThePrimaryBackOnItsOldRevision() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        passAllSteps(context);
        steps.promote(context);
        assertThat(fakes.ecs().service(CLUSTER, PRIMARY_SERVICE).taskDefinition()).isEqualTo(TASK_DEFINITION_7);

        steps.rollback(context, "primary never became ready");

        assertThat(fakes.ecs().service(CLUSTER, PRIMARY_SERVICE).taskDefinition()).isEqualTo(TASK_DEFINITION_6);
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
        assertThat(fakes.store().record(SERVICE).phase()).isEqualTo(Phase.FAILED);
    }

    @Test
    void rollbackScalesTheCanaryInWhenThePrimaryServesItsRevision() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);

        steps.rollback(context, "AnalysisFailed: 2 failed (error-rate)");

        assertThat(fakes.ecs().service(CLUSTER, APP).desiredCount()).isZero();
        assertThat(fakes.store().record(SERVICE).reason()).isEqualTo("AnalysisFailed: 2 failed (error-rate)");
    }

    @Test
    void rollbackKeepsTheCanaryWhenThePrimaryRunsNoRegisteredTaskOfItsRevision() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);
        fakes.tasksStopped(Track.PRIMARY, "6");

        steps.rollback(context, "AnalysisFailed: 2 failed (error-rate)");

        assertCanaryKept("AnalysisFailed: 2 failed (error-rate)",
                "the primary has no registered, healthy task of revision 6");
    }

    @Test
    void rollbackKeepsTheCanaryWhenNoTargetOfThePrimaryIsHealthy() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);
        fakes.router().healthy(APP, Track.PRIMARY, 0);

        steps.rollback(context, "States.Timeout");

        assertCanaryKept("States.Timeout", "the primary has no registered, healthy task of revision 6");
    }

    @Test
    void rollbackKeepsTheCanaryWhenThePrimarysTasksCannotBeCounted() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);
        fakes.directory().unreadable("ServiceNotFound");

        steps.rollback(context, "States.Timeout");

        assertCanaryKept("States.Timeout", "the primary's tasks could not be counted (list the instances of Cloud "
                + "Map service shop.local/orders: ServiceNotFound)");
    }
}
