package io.meshcanary.rollout;

/**
 * What a {@link io.meshcanary.port.TrafficRevert#revert} left behind.
 *
 * @param weights the weights read back afterwards
 * @param note what was done, for the record's history
 */
public record Reverted(Weights weights, String note) {
}
