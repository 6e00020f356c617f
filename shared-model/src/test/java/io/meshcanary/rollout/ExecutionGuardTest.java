package io.meshcanary.rollout;

import static io.meshcanary.testing.RolloutFakes.APP;
import static io.meshcanary.testing.RolloutFakes.CLUSTER;
import static io.meshcanary.testing.RolloutFakes.TASK_DEFINITION_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.meshcanary.model.Track;
import io.meshcanary.testing.RolloutFakes;
import io.meshcanary.testing.SampleSpecs;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Execution ownership: a step of an execution that no longer owns the record touches nothing. */
class ExecutionGuardTest extends WorkflowScenario {

    static Stream<Arguments> stepsOfAStaleExecution() {
        return Stream.of(
                step("scaleCanary", (steps, stale) -> steps.scaleCanary(stale)),
                step("checkCapacity", (steps, stale) -> steps.capacityReady(stale, Track.CANARY, Instant.EPOCH)),
                step("setWeight", (steps, stale) -> steps.setWeight(stale, 1)),
                step("analyze", (steps, stale) -> steps.analyze(stale)),
                step("passGate", (steps, stale) -> steps.passGate(stale, GateStage.PRE_STEP)),
                step("awaitApproval", (steps, stale) -> steps.awaitApproval(stale, GateStage.PRE_STEP, TOKEN)),
                step("promote", (steps, stale) -> steps.promote(stale)),
                step("finish", (steps, stale) -> steps.finish(stale)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stepsOfAStaleExecution")
    void staleExecutionIsSupersededAndTouchesNothing(StaleStep staleStep) {
        RolloutContext stale = canaryUp(SampleSpecs.orders());
        steps.setWeight(stale, 0);
        fakes.ecs().given(CLUSTER, APP, TASK_DEFINITION_8, 1);
        RolloutContext newer = context(NEWER_EXECUTION, SampleSpecs.orders());
        steps.initialize(newer, NEWER_DEPLOYMENT, SampleSpecs.orders());
        RolloutFakes.Footprint before = fakes.footprint();
        Rollout newersRecord = fakes.store().record(SERVICE);

        SupersededException error = catchThrowableOfType(SupersededException.class,
                () -> staleStep.run(steps, stale));

        assertThat(error).hasMessageContaining(EXECUTION).hasMessageContaining(NEWER_EXECUTION);
        assertThat(fakes.footprint()).isEqualTo(before);
        assertThat(fakes.store().record(SERVICE)).isEqualTo(newersRecord);
    }

    /**
     * Between a newer rollout's supersede (the older record moved to SUPERSEDED, still naming the older execution) and
     * the newer one's own record, a retried step of the older execution must not take the record for its own: it
     * would put its weight back on the route after the supersede reverted it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("stepsOfAStaleExecution")
    void aStepOfAnExecutionWhoseRecordWasSupersededTouchesNothing(StaleStep staleStep) {
        RolloutContext stale = canaryUp(SampleSpecs.orders());
        steps.setWeight(stale, 0);
        Rollout before = fakes.store().record(SERVICE);
        fakes.store().save(before.moveTo(Phase.SUPERSEDED, "superseded by " + NEWER_EXECUTION, Instant.EPOCH));
        RolloutFakes.Footprint footprint = fakes.footprint();
        Rollout superseded = fakes.store().record(SERVICE);

        SupersededException error = catchThrowableOfType(SupersededException.class,
                () -> staleStep.run(steps, stale));

        assertThat(error).hasMessageContaining(EXECUTION).hasMessageContaining(NEWER_EXECUTION);
        assertThat(fakes.footprint()).isEqualTo(footprint);
        assertThat(fakes.store().record(SERVICE)).isEqualTo(superseded);
    }
}
