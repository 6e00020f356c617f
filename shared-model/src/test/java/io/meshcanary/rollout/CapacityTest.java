package io.meshcanary.rollout;

import static io.meshcanary.testing.RolloutFakes.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.meshcanary.model.Track;
import io.meshcanary.testing.SampleSpecs;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A track is ready only with enough registered, healthy tasks of the revision, and only until its deadline. */
class CapacityTest extends WorkflowScenario {

    @Test
    void capacityDeadlineFailsTheRollout() {
        RolloutContext context = context(EXECUTION, SampleSpecs.orders());
        Instant scaled = canaryScaled(context);
        fakes.tasksRunning(Track.CANARY, "6", 1);

        fakes.clock().advanceSeconds(600);
        assertThat(steps.capacityReady(context, Track.CANARY, scaled))
                .as("at the deadline, with a task of the old revision only").isFalse();
        fakes.clock().advanceSeconds(1);
        RolloutFailedException late = canaryLate(context, scaled);

        assertThat(late).hasMessage("canary track has 0 of 1 registered tasks of revision 7 (1 of another revision)"
                + " after 600s");

        steps.rollback(context, "io.meshcanary.rollout.RolloutFailedException: " + late.getMessage());

        Rollout failed = fakes.store().record(SERVICE);
        assertThat(failed.phase()).isEqualTo(Phase.FAILED);
        assertThat(failed.reason()).contains("0 of 1 registered tasks");
        assertThat(fakes.router().canaryWeightsApplied(APP)).containsExactly(0);
        assertThat(fakes.ecs().calls()).containsExactly("scale shop/orders 1", "scale shop/orders 0");
    }

    @Test
    void aDeadlineMissedOnHealthChecksSaysSo() {
        RolloutContext context = context(EXECUTION, SampleSpecs.orders());
        Instant scaled = canaryScaled(context);
        fakes.tasksRunning(Track.CANARY, "7", 1);
        fakes.router().healthy(APP, Track.CANARY, 0);

        fakes.clock().advanceSeconds(601);
        RolloutFailedException late = canaryLate(context, scaled);

        assertThat(late).hasMessage("canary track has 1 of 1 registered tasks of revision 7 (healthy targets: 0)"
                + " after 600s");
    }

    @Test
    void primaryIsReadyOnlyWhenNoOldRevisionIsRegistered() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        passAllSteps(context);
        Instant promoting = steps.promote(context);

        fakes.tasksRunning(Track.PRIMARY, "7", 2);
        assertThat(steps.capacityReady(context, Track.PRIMARY, promoting)).as("2 of 3 new tasks").isFalse();
        fakes.tasksRunning(Track.PRIMARY, "7", 1);
        assertThat(steps.capacityReady(context, Track.PRIMARY, promoting)).as("3 new, 3 old tasks").isFalse();
        fakes.tasksStopped(Track.PRIMARY, "6");
        assertThat(steps.capacityReady(context, Track.PRIMARY, promoting)).as("3 new tasks only").isTrue();
    }

    @Test
    void primaryThatDoesNotTakeTheNewRevisionInTimeFailsThePromotion() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        passAllSteps(context);
        Instant promoting = steps.promote(context);

        fakes.clock().advanceSeconds(901);
        RolloutFailedException late = catchThrowableOfType(RolloutFailedException.class,
                () -> steps.capacityReady(context, Track.PRIMARY, promoting));

        assertThat(late).hasMessage("primary track has 0 of 3 registered tasks of revision 7 (3 of another revision)"
                + " after 900s");
    }

    private Instant canaryScaled(RolloutContext context) {
        steps.initialize(context, DEPLOYMENT, SampleSpecs.orders());
        return steps.scaleCanary(context);
    }

    private RolloutFailedException canaryLate(RolloutContext context, Instant scaled) {
        return catchThrowableOfType(RolloutFailedException.class,
                () -> steps.capacityReady(context, Track.CANARY, scaled));
    }
}
