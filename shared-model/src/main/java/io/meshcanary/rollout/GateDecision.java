package io.meshcanary.rollout;

/** A gate's answer. A closed gate rolls the rollout back, with the gate's reason. */
public record GateDecision(boolean open, String reason) {
}
