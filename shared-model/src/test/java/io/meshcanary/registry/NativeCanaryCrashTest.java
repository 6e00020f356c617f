package io.meshcanary.registry;

import static io.meshcanary.registry.TaskChanges.fargateTask;
import static io.meshcanary.testing.RolloutFakes.APP;
import static io.meshcanary.testing.RolloutFakes.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.rollout.CrashOutcome;
import io.meshcanary.rollout.NativeTraffic;
import io.meshcanary.rollout.Phase;
import io.meshcanary.rollout.Rollout;
import io.meshcanary.rollout.RolloutContext;
import io.meshcanary.spec.CanarySpec;
import io.meshcanary.testing.FakeServiceDeployments;
import io.meshcanary.testing.RolloutFakes;
import io.meshcanary.testing.SampleFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A native app's new revision (green, {@code orders:8}) crash-loops during its rollout: past the spec's two crashes,
 * the crash guard takes the native fast path in the task event's one invocation, as the alarm guard does. ECS runs
 * green and blue in the one service {@code orders}, so only the revision tells a canary task from a stable one.
 */
class NativeCanaryCrashTest {

    private static final String ARN = "arn:aws:ecs:us-east-1:123456789012:service-deployment/shop/orders/d1";
    private static final String SPEC = SampleFiles.read("examples/orders-native.canary.json");
    private static final String GREEN = RolloutFakes.TASK_DEFINITION_8;
    private static final String EXITED = "container orders exited with code 1";

    private final RolloutFakes fakes = RolloutFakes.empty();
    private final FakeServiceDeployments ecs = fakes.deployments().deploying(ARN);
    private final NodeRegistry registry = fakes.registry();
    private final RolloutContext context = new RolloutContext(CLUSTER, APP, "shop-orders-d1", CanarySpec.parse(SPEC));

    @BeforeEach
    void rolloutHoldsAtTenPercent() {
        fakes.specs().onboard(CLUSTER, APP, SPEC);
        NativeTraffic engine = new NativeTraffic(fakes.store(), ecs, fakes.metrics(), fakes.workflows(),
                fakes.events(), fakes.clock());
        engine.start(context, ARN, SPEC);
        engine.stepTo(context, 0);
        ecs.pausedAt(10);
        engine.stepTo(context, 0);
    }

    @Test
    void aCrashLoopingGreenRevisionIsAnsweredRollbackAtTheWaitingPause() {
        ecs.pausedAt(10);

        CrashOutcome first = crash("green-1", GREEN);
        CrashOutcome second = crash("green-2", GREEN);
        CrashOutcome third = crash("green-3", GREEN);

        assertThat(first).isEqualTo(CrashOutcome.COUNTED);
        assertThat(second).isEqualTo(CrashOutcome.COUNTED);
        assertThat(third).isEqualTo(CrashOutcome.ABORTED);
        assertThat(ecs.answers()).as("ECS's pause at 10%").endsWith("hook-10 ROLLBACK");
        assertThat(ecs.stops()).isZero();
        Rollout record = fakes.store().find(context.service()).orElseThrow();
        assertThat(record.phase()).isEqualTo(Phase.ABORTED);
        assertThat(record.reason()).contains("3 canary tasks crashed").contains(EXITED);
        assertThat(fakes.router().writes()).as("no twin route on a native app").isZero();
    }

    @Test
    void betweenPausesTheCrashLoopStopsTheDeploymentWithRollbackAndABlueCrashCountsNothing() {
        ecs.shifted(20);

        CrashOutcome blue = crash("blue-1", RolloutFakes.TASK_DEFINITION_7);
        crash("green-1", GREEN);
        crash("green-2", GREEN);
        CrashOutcome third = crash("green-3", GREEN);

        assertThat(blue).isEqualTo(CrashOutcome.IGNORED_OTHER_REVISION);
        assertThat(third).isEqualTo(CrashOutcome.ABORTED);
        assertThat(ecs.stops()).as("StopServiceDeployment ROLLBACK").isEqualTo(1);
        assertThat(fakes.store().find(context.service()).orElseThrow().crashedTasks())
                .containsExactly("green-1", "green-2", "green-3");
    }

    private CrashOutcome crash(String taskId, String taskDefinition) {
        TaskChange stopped = fargateTask(taskId, "10.0.2.1").inService(APP).taskDefinitionArn(taskDefinition)
                .failed(EXITED).build();
        return registry.reconcile(stopped).crash();
    }
}
