package io.meshcanary.rollout;

/**
 * What one call to move a rollout's traffic to its next step found.
 *
 * @param weights the weights read back
 * @param reached whether the step is done and counted in the record: the twin's always is, ECS's once it has shifted
 *     to the step's weight and waits at meshcanary's pause
 */
public record StepTaken(Weights weights, boolean reached) {
}
