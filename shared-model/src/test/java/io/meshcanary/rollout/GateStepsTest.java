package io.meshcanary.rollout;

import static io.meshcanary.testing.RolloutFakes.APP;
import static io.meshcanary.testing.RolloutFakes.TASK_DEFINITION_7;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.meshcanary.testing.FakeGates;
import io.meshcanary.testing.SampleSpecs;
import org.junit.jupiter.api.Test;

/** The automatic gates: asked with where the rollout stands, and a closed or silent one fails the rollout. */
class GateStepsTest extends WorkflowScenario {

    @Test
    void closedGateFailsTheRollout() {
        String gated = SampleSpecs.ordersWith(root -> SampleSpecs.at(root, "gates", "preStep")
                .put("type", "lambda").put("functionArn", GATE_FUNCTION));
        fakes.gates().closes(GATE_FUNCTION, "change freeze until 14:00");
        RolloutContext context = canaryUp(gated);
        steps.setWeight(context, 0);
        assertThat(analyzeAfterInterval(context).next()).isEqualTo(Decision.Next.CONTINUE);

        RolloutFailedException closed = catchThrowableOfType(RolloutFailedException.class,
                () -> steps.passGate(context, GateStage.PRE_STEP));

        assertThat(closed).hasMessage("preStep gate closed: change freeze until 14:00");
        assertThat(fakes.router().canaryWeightsApplied(APP)).as("no step past the gate").containsExactly(10);

        steps.rollback(context, "io.meshcanary.rollout.RolloutFailedException: " + closed.getMessage());

        Rollout failed = fakes.store().record(SERVICE);
        assertThat(failed.phase()).isEqualTo(Phase.FAILED);
        assertThat(failed.reason()).contains("change freeze until 14:00");
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
    }

    @Test
    void gateThatDoesNotAnswerInTimeFailsTheRolloutNamingTheWait() {
        String gated = SampleSpecs.ordersWith(root -> SampleSpecs.at(root, "gates", "preStep")
                .put("type", "lambda").put("functionArn", GATE_FUNCTION).put("timeoutSeconds", 5));
        fakes.gates().hangs(GATE_FUNCTION);
        RolloutContext context = canaryUp(gated);
        steps.setWeight(context, 0);

        RolloutFailedException late = catchThrowableOfType(RolloutFailedException.class,
                () -> steps.passGate(context, GateStage.PRE_STEP));

        assertThat(late).hasMessage("preStep gate did not answer within 5 s");
        assertThat(fakes.router().canaryWeightsApplied(APP)).as("no step past the gate").containsExactly(10);
    }

    @Test
    void openGateIsToldWhereTheRolloutStands() {
        String gated = SampleSpecs.ordersWith(root -> SampleSpecs.at(root, "gates", "preStep")
                .put("type", "lambda").put("functionArn", GATE_FUNCTION));
        fakes.gates().opens(GATE_FUNCTION);
        RolloutContext context = canaryUp(gated);
        steps.setWeight(context, 0);

        steps.passGate(context, GateStage.PRE_STEP);

        FakeGates.Asked asked = fakes.gates().asked().getFirst();
        assertThat(asked.target()).isEqualTo(GATE_FUNCTION);
        assertThat(json(asked.payload())).isEqualTo(json("""
                {"service": "orders", "cluster": "shop", "stage": "preStep", "canaryWeight": 10,
                 "taskDefinition": "%s", "execution": "%s"}""".formatted(TASK_DEFINITION_7, EXECUTION)));
    }

    @Test
    void gateStageTheSpecDoesNotHaveIsAnInputError() {
        RolloutContext context = canaryUp(SampleSpecs.orders());

        InvalidInputException error = catchThrowableOfType(InvalidInputException.class,
                () -> steps.passGate(context, GateStage.PRE_STEP));

        assertThat(error.field()).isEqualTo("stage");
        assertThat(fakes.gates().asked()).isEmpty();
    }
}
