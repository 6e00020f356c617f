package io.meshcanary.registry;

import static io.meshcanary.registry.TaskChanges.fargateTask;
import static io.meshcanary.testing.RolloutFakes.START;
import static io.meshcanary.testing.RolloutFakes.TASK_DEFINITION_6;
import static io.meshcanary.testing.RolloutFakes.TASK_DEFINITION_7;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.rollout.CrashOutcome;
import io.meshcanary.rollout.Phase;
import io.meshcanary.rollout.Rollout;
import io.meshcanary.rollout.RolloutEvent;
import io.meshcanary.rollout.Weights;
import io.meshcanary.testing.Fakes;
import io.meshcanary.testing.SampleSpecs;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Canary tasks that stop with a failure count against the active rollout. {@code orders} rolls out revision 7 and
 * stands at 20% on the canary; its spec allows the default two crashes.
 */
class CanaryCrashTest {

    private static final String SERVICE = "shop/orders";
    private static final String EXITED = "container orders exited with code 1";
    private static final Weights AT_20 = Weights.canaryAt(20);

    private final Fakes fakes = Fakes.withOrdersOnboarded();
    private final NodeRegistry registry = fakes.registry();

    @Test
    void crashingCanaryTaskCountsOnceEvenWhenItsStoppedEventComesTwice() {
        Rollout before = rolloutAt20(SampleSpecs.orders());
        TaskChange crash = stopped(fargateTask("canary-1", "10.0.1.1").failed(EXITED));

        RegistryOutcome first = registry.reconcile(crash);
        RegistryOutcome second = registry.reconcile(crash);

        assertThat(first.crash()).isEqualTo(CrashOutcome.COUNTED);
        assertThat(second.crash()).isEqualTo(CrashOutcome.ALREADY_COUNTED);
        Rollout after = fakes.rollouts().record(SERVICE);
        assertThat(after.crashedTasks()).containsExactly("canary-1");
        assertThat(after.phase()).isEqualTo(Phase.PROGRESSING);
        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThat(after.history().getLast().note()).isEqualTo("canary task canary-1 crashed: " + EXITED);
        assertThat(fakes.rollouts().writes()).hasSize(1);
        assertThat(fakes.router().weights("orders")).isEqualTo(AT_20);
    }

    @Test
    void crashingCanaryBehindALoadBalancerStillCountsThoughNothingIsDeregistered() {
        fakes.specs().onboard("shop", "orders", SampleSpecs.ordersBehindAlb());
        rolloutAt20(SampleSpecs.ordersBehindAlb());

        RegistryOutcome outcome = registry.reconcile(stopped(fargateTask("canary-1", "10.0.1.1").failed(EXITED)));

        assertThat(outcome.action()).isEqualTo(RegistryAction.IGNORED_NOT_MESHED);
        assertThat(outcome.crash()).isEqualTo(CrashOutcome.COUNTED);
        assertThat(fakes.rollouts().record(SERVICE).crashedTasks()).containsExactly("canary-1");
        assertThat(fakes.directory().writes()).isZero();
    }

    @Test
    void crashPastTheLimitAbortsTheRolloutAndSendsAllTrafficToThePrimary() {
        rolloutAt20(SampleSpecs.orders());

        List<CrashOutcome> outcomes = List.of("canary-1", "canary-2", "canary-3").stream()
                .map(task -> registry.reconcile(stopped(fargateTask(task, "10.0.1.9").failed(EXITED))).crash())
                .toList();

        assertThat(outcomes).containsExactly(CrashOutcome.COUNTED, CrashOutcome.COUNTED, CrashOutcome.ABORTED);
        Rollout aborted = fakes.rollouts().record(SERVICE);
        assertThat(aborted.phase()).isEqualTo(Phase.ABORTED);
        assertThat(aborted.weights()).isEqualTo(Weights.ALL_PRIMARY);
        assertThat(aborted.crashedTasks()).containsExactly("canary-1", "canary-2", "canary-3");
        assertThat(aborted.reason()).contains("3 canary tasks crashed", "canary-3", EXITED);
        assertThat(fakes.router().weights("orders")).isEqualTo(Weights.ALL_PRIMARY);
        assertThat(fakes.events().types()).containsExactly(RolloutEvent.ANALYSIS_FAILED);
    }

    @Test
    void firstCrashAbortsWhenTheSpecAllowsNone() {
        rolloutAt20(SampleSpecs.ordersWith(spec -> spec.withObjectProperty("analysis").put("maxCanaryCrashes", 0)));

        RegistryOutcome outcome = registry.reconcile(stopped(fargateTask("canary-1", "10.0.1.1").failed(EXITED)));

        assertThat(outcome.crash()).isEqualTo(CrashOutcome.ABORTED);
        assertThat(fakes.rollouts().record(SERVICE).phase()).isEqualTo(Phase.ABORTED);
        assertThat(fakes.router().weights("orders")).isEqualTo(Weights.ALL_PRIMARY);
    }

    @Test
    void abortFailsTheManualGateTheWorkflowWaitsAt() {
        Rollout rollout = rolloutAt20(SampleSpecs.ordersWith(
                spec -> spec.withObjectProperty("analysis").put("maxCanaryCrashes", 0)));
        fakes.rollouts().given(rollout.withApprovalToken("token-1", "waiting for approval", START));

        registry.reconcile(stopped(fargateTask("canary-1", "10.0.1.1").failed(EXITED)));

        assertThat(fakes.workflows().rejected()).extracting(failure -> failure.target()).containsExactly("token-1");
    }

    @Test
    void primaryTaskCrashChangesNothing() {
        rolloutAt20(SampleSpecs.orders());

        RegistryOutcome outcome = registry.reconcile(stopped(fargateTask("primary-1", "10.0.2.1")
                .inService("orders-primary").taskDefinitionArn(TASK_DEFINITION_6).failed(EXITED)));

        assertThat(outcome.crash()).isEqualTo(CrashOutcome.IGNORED_NOT_CANARY);
        assertUntouched();
    }

    @Test
    void crashOfAnOlderCanaryRevisionChangesNothing() {
        rolloutAt20(SampleSpecs.orders());

        RegistryOutcome outcome = registry.reconcile(stopped(fargateTask("canary-old", "10.0.1.5")
                .taskDefinitionArn(TASK_DEFINITION_6).failed(EXITED)));

        assertThat(outcome.crash()).isEqualTo(CrashOutcome.IGNORED_OTHER_REVISION);
        assertUntouched();
    }

    @Test
    void crashWithNoActiveRolloutChangesNothing() {
        RegistryOutcome outcome = registry.reconcile(stopped(fargateTask("canary-1", "10.0.1.1").failed(EXITED)));

        assertThat(outcome.crash()).isEqualTo(CrashOutcome.IGNORED_NO_ROLLOUT);
        assertThat(fakes.rollouts().writes()).isEmpty();
        assertThat(fakes.router().writes()).isZero();
    }

    @Test
    void crashAfterTheRolloutEndedChangesNothing() {
        Rollout rollout = rolloutAt20(SampleSpecs.orders());
        fakes.rollouts().given(rollout.moveTo(Phase.ROLLING_BACK, "analysis failed", START)
                .moveTo(Phase.FAILED, "analysis failed", START));

        RegistryOutcome outcome = registry.reconcile(stopped(fargateTask("canary-1", "10.0.1.1").failed(EXITED)));

        assertThat(outcome.crash()).isEqualTo(CrashOutcome.IGNORED_NO_ROLLOUT);
        assertThat(fakes.rollouts().writes()).isEmpty();
    }

    @Test
    void taskStoppedCleanlyIsNoCrash() {
        rolloutAt20(SampleSpecs.orders());

        RegistryOutcome outcome = registry.reconcile(stopped(fargateTask("canary-1", "10.0.1.1")));

        assertThat(outcome.crash()).isEqualTo(CrashOutcome.NO_CRASH);
        assertUntouched();
    }

    @Test
    void crashStillDeregistersTheTask() {
        rolloutAt20(SampleSpecs.orders());
        TaskChange running = fargateTask("canary-1", "10.0.1.1").build();
        fakes.ecs().running(running.taskArn());
        registry.reconcile(running);

        RegistryOutcome outcome = registry.reconcile(stopped(fargateTask("canary-1", "10.0.1.1").failed(EXITED)));

        assertThat(outcome.action()).isEqualTo(RegistryAction.DEREGISTERED);
        assertThat(outcome.crash()).isEqualTo(CrashOutcome.COUNTED);
    }

    @Test
    void crashCountsAfterLosingARaceWithAWorkflowStep() {
        Rollout rollout = rolloutAt20(SampleSpecs.orders());
        Rollout stepped = rollout.withStep(3, Weights.canaryAt(50), START);
        fakes.rollouts().beforeNextSave(() -> fakes.rollouts().save(stepped));

        RegistryOutcome outcome = registry.reconcile(stopped(fargateTask("canary-1", "10.0.1.1").failed(EXITED)));

        assertThat(outcome.crash()).isEqualTo(CrashOutcome.COUNTED);
        Rollout after = fakes.rollouts().record(SERVICE);
        assertThat(after.crashedTasks()).containsExactly("canary-1");
        assertThat(after.weights()).isEqualTo(Weights.canaryAt(50));
    }

    /** An active rollout of revision 7 over revision 6, at 20% on the canary, as the store and the route hold it. */
    private Rollout rolloutAt20(String spec) {
        Rollout rollout = Rollout.start("shop", "orders", "ecs-svc/4719802350938163742",
                        "shop-orders-4719802350938163742", false, TASK_DEFINITION_7, TASK_DEFINITION_6, spec, START)
                .moveTo(Phase.PROGRESSING, "progressing", START)
                .withStep(2, AT_20, START);
        fakes.rollouts().given(rollout);
        fakes.router().given("orders", AT_20);
        return rollout;
    }

    /** Tells the fake ECS that the task has stopped, as ECS would when the STOPPED event is delivered. */
    private TaskChange stopped(TaskChanges task) {
        TaskChange change = task.build();
        fakes.ecs().stopped(change.taskArn());
        return change;
    }

    private void assertUntouched() {
        assertThat(fakes.rollouts().writes()).isEmpty();
        assertThat(fakes.router().writes()).isZero();
        assertThat(fakes.events().published()).isEmpty();
    }
}
