package io.meshcanary.rollout;

import io.meshcanary.port.GateKeeper;
import io.meshcanary.port.GateTimeoutException;
import io.meshcanary.port.RolloutStore;
import io.meshcanary.spec.CanarySpec;
import io.meshcanary.spec.Gate;
import java.time.Clock;
import java.util.Optional;

/** The gates before the rollout, before each traffic increase and before promotion: automatic ones and manual ones. */
public final class GateSteps {

    private final RolloutStore store;
    private final GateKeeper gates;
    private final ExecutionGuard guard;
    private final Clock clock;

    GateSteps(RolloutStore store, GateKeeper gates, ExecutionGuard guard, Clock clock) {
        this.store = store;
        this.gates = gates;
        this.guard = guard;
        this.clock = clock;
    }

    /**
     * Asks an automatic gate; a closed gate fails the rollout with the gate's reason. The gate comes from the record's
     * spec: the context's is redacted, since the execution's data shows it to anyone who may read its history.
     */
    public void passGate(RolloutContext context, GateStage stage) {
        Rollout rollout = guard.proceeding(context);
        Gate gate = gate(rollout.canarySpec(), stage)
                .orElseThrow(() -> new InvalidInputException("stage", "the spec has no " + stage.label() + " gate"));
        String payload = """
                {"service":"%s","cluster":"%s","stage":"%s","canaryWeight":%d,"taskDefinition":"%s","execution":"%s"}"""
                .formatted(context.app(), context.cluster(), stage.label(), rollout.weights().canary(),
                        rollout.canaryTaskDefinition(), context.execution());
        GateDecision decision;
        try {
            decision = gates.ask(gate, payload);
        } catch (GateTimeoutException e) {
            throw new RolloutFailedException("%s gate did not answer within %d s".formatted(stage.label(),
                    gate.timeoutSeconds()));
        }
        if (!decision.open()) {
            throw new RolloutFailedException("%s gate closed: %s".formatted(stage.label(), decision.reason()));
        }
    }

    /** Records the task token of a manual gate, so that {@link OperatorCommands#approve} can find it. */
    public void awaitApproval(RolloutContext context, GateStage stage, String taskToken) {
        Rollout rollout = guard.proceeding(context);
        store.save(rollout.withApprovalToken(taskToken, "waiting for approval at the " + stage.label() + " gate",
                clock.instant()));
    }

    /** Which gate the workflow's Choice finds at {@code stage}. */
    static GateKind kind(CanarySpec spec, GateStage stage) {
        return GateKind.of(gate(spec, stage));
    }

    private static Optional<Gate> gate(CanarySpec spec, GateStage stage) {
        return switch (stage) {
            case PRE_ROLLOUT -> spec.gates().preRollout();
            case PRE_STEP -> spec.gates().preStep();
            case PRE_PROMOTION -> spec.gates().prePromotion();
        };
    }
}
