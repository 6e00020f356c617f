package io.meshcanary.resync;

import static io.meshcanary.testing.RolloutFakes.APP;
import static io.meshcanary.testing.RolloutFakes.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.rollout.Phase;
import io.meshcanary.rollout.Rollout;
import io.meshcanary.testing.RolloutFakes;
import io.meshcanary.testing.SampleFiles;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The resync and a native app's service deployment that waits at meshcanary's pause. */
class NativePauseCheckTest {

    private static final String ARN = "arn:aws:ecs:us-east-1:123456789012:service-deployment/shop/orders/d1";
    private static final String EXECUTION = "shop-orders-d1";
    private static final String SPEC = SampleFiles.read("examples/orders-native.canary.json");

    private final RolloutFakes fakes = RolloutFakes.empty();

    private RolloutFakes nativeAppDeploying() {
        fakes.specs().onboard(CLUSTER, APP, SPEC);
        fakes.deployments().deploying(ARN);
        return fakes;
    }

    @Test
    void aPauseWhoseEventWasLostStartsTheExecutionThatAnswersIt() {
        nativeAppDeploying();

        ResyncOutcome outcome = fakes.resync().run(ResyncRequest.SCHEDULED);

        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.drifts()).singleElement().satisfies(drift -> {
            assertThat(drift.kind()).isEqualTo(DriftKind.UNANSWERED_PAUSE);
            assertThat(drift.found()).contains(ARN, "hook-0");
            assertThat(drift.repaired()).isTrue();
        });
        assertThat(fakes.workflows().startedNames()).containsExactly(EXECUTION);
        assertThat(fakes.deployments().answers()).as("the execution answers, not the resync").isEmpty();
        assertThat(fakes.resync().run(ResyncRequest.SCHEDULED).drifts()).as("the execution runs now").isEmpty();
    }

    @Test
    void aPauseOfARolloutThatEndedIsAnsweredRollbackAndADryRunChangesNothing() {
        nativeAppDeploying();
        fakes.workflows().ended(EXECUTION, "FAILED");
        Rollout started = Rollout.start(CLUSTER, APP, ARN, EXECUTION, false, RolloutFakes.TASK_DEFINITION_8,
                RolloutFakes.TASK_DEFINITION_7, SPEC, RolloutFakes.START);
        fakes.store().save(started);
        fakes.store().save(started.moveTo(Phase.ROLLING_BACK, "error-rate failed", RolloutFakes.START)
                .moveTo(Phase.FAILED, "error-rate failed", RolloutFakes.START).asNextVersionOf(started));

        ResyncOutcome dry = fakes.resync().run(new ResyncRequest(true, Set.of()));
        assertThat(dry.drifts()).singleElement().satisfies(drift -> assertThat(drift.repaired()).isFalse());
        assertThat(fakes.deployments().answers()).isEmpty();

        ResyncOutcome outcome = fakes.resync().run(ResyncRequest.SCHEDULED);

        assertThat(outcome.drifts()).singleElement().satisfies(drift -> assertThat(drift.repair())
                .isEqualTo("answer ROLLBACK: its rollout ended FAILED"));
        assertThat(fakes.deployments().answers()).containsExactly("hook-0 ROLLBACK");
        assertThat(fakes.workflows().startedNames()).as("no execution started").containsExactly(EXECUTION);
    }
}
