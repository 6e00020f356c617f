package io.meshcanary.rollout;

import static io.meshcanary.testing.RolloutFakes.APP;
import static io.meshcanary.testing.RolloutFakes.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshcanary.port.ConcurrentUpdateException;
import io.meshcanary.testing.RolloutFakes;
import io.meshcanary.testing.SampleSpecs;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A step that loses the race for the record to another writer wrote nothing, and the workflow invokes it again
 * (statemachines/ retries {@link ConcurrentUpdateException}, see WorkflowRetryTest): the retry reads the record as
 * the other writer left it and goes on, so the race never rolls a healthy rollout back.
 */
class LostWriteRetryTest {

    private static final String DEPLOYMENT = "ecs-svc/4719802350938163742";
    private static final String EXECUTION = "shop-orders-4719802350938163742";
    private static final String SERVICE = "shop/orders";

    private final RolloutFakes fakes = RolloutFakes.ordersReleasedBefore();
    private final RolloutSteps steps = fakes.steps();
    private RolloutContext context;

    @BeforeEach
    void canaryAtTenPercent() {
        fakes.metrics().datapoints("error-rate", 0.2, 0.1, 0.3);
        context = fakes.canaryAtTenPercent(DEPLOYMENT, EXECUTION);
        fakes.clock().advanceSeconds(60);
    }

    @Test
    void crashCountedWhileTheAnalysisWritesIsKeptAndTheRetriedAnalysisGoesOn() {
        CrashGuard crashes = new CrashGuard(fakes.store(), fakes.route(), fakes.workflows(), fakes.events(),
                fakes.clock());
        fakes.store().beforeNextSave(() -> crashes.onCanaryCrash(SERVICE, "canary-7-task-9",
                RolloutFakes.TASK_DEFINITION_7, "exited with code 1"));

        assertThatThrownBy(() -> steps.analyze(context)).isInstanceOf(ConcurrentUpdateException.class);
        Decision retried = steps.analyze(context);

        assertThat(retried.next()).isEqualTo(Decision.Next.CONTINUE);
        Rollout record = fakes.store().record(SERVICE);
        assertThat(record.phase()).isEqualTo(Phase.PROGRESSING);
        assertThat(record.canaryCrashes()).isEqualTo(1);
        assertThat(steps.setWeight(context, 1).weights()).isEqualTo(Weights.canaryAt(20));
    }

    @Test
    void operatorsPromoteWhileTheAnalysisWritesIsHonouredByTheRetry() {
        fakes.store().beforeNextSave(() -> steps.promoteNow(CLUSTER, APP));

        assertThatThrownBy(() -> steps.analyze(context)).isInstanceOf(ConcurrentUpdateException.class);

        assertThat(steps.analyze(context).next()).isEqualTo(Decision.Next.PROMOTE);
        assertThat(fakes.store().record(SERVICE).phase()).isEqualTo(Phase.PROGRESSING);
    }

    @Test
    void weightStepThatLosesToANewerRolloutLeavesTheRouteAllOnThePrimary() {
        steps.analyze(context);
        RolloutContext newer = new RolloutContext(CLUSTER, APP, "shop-orders-5820913461049274853", context.spec());
        fakes.router().beforeNextApply(() -> steps.initialize(newer, "ecs-svc/5820913461049274853",
                SampleSpecs.orders()));

        assertThatThrownBy(() -> steps.setWeight(context, 1)).isInstanceOf(ConcurrentUpdateException.class);

        assertThat(fakes.router().weights(APP)).as("the supersede's revert stands").isEqualTo(Weights.ALL_PRIMARY);
        assertThatThrownBy(() -> steps.setWeight(context, 1)).as("the retry")
                .isInstanceOf(SupersededException.class);
    }

    @Test
    void weightStepThatLosesToAnAbortLeavesTheRouteAllOnThePrimary() {
        steps.analyze(context);
        fakes.router().beforeNextApply(() -> steps.abort(CLUSTER, APP, "bad smell"));

        assertThatThrownBy(() -> steps.setWeight(context, 1)).isInstanceOf(ConcurrentUpdateException.class);

        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
    }

    @Test
    void weightStepRetriedAfterALostWriteAppliesTheStepOnce() {
        steps.analyze(context);
        fakes.store().beforeNextSave(() -> steps.promoteNow(CLUSTER, APP));

        assertThatThrownBy(() -> steps.setWeight(context, 1)).isInstanceOf(ConcurrentUpdateException.class);
        Weights applied = steps.setWeight(context, 1).weights();

        assertThat(applied).isEqualTo(Weights.canaryAt(20));
        Rollout record = fakes.store().record(SERVICE);
        assertThat(record.step()).isEqualTo(2);
        assertThat(record.promoteRequested()).isTrue();
        assertThat(Optional.of(record.phase())).contains(Phase.PROGRESSING);
    }
}
