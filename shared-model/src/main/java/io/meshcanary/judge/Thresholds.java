package io.meshcanary.judge;

import java.util.Objects;

/**
 * What a metric may do before it counts as a change, as in Kayenta's Mann-Whitney classifier.
 *
 * @param confidence of the shift's interval, in (0, 1)
 * @param allowedIncrease the largest ratio of means canary / baseline that is not a rise, at least 1
 * @param allowedDecrease the smallest ratio of means canary / baseline that is not a fall, in (0, 1]
 * @param minSamples the fewest samples per track that make a class; fewer is NoData
 */
public record Thresholds(Direction direction, double confidence, double allowedIncrease, double allowedDecrease,
        int minSamples) {

    public Thresholds {
        Objects.requireNonNull(direction, "direction");
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must lie in (0, 1), was " + confidence);
        }
        if (!(allowedIncrease >= 1) || Double.isInfinite(allowedIncrease)) {
            throw new IllegalArgumentException("allowedIncrease must be a ratio of at least 1, was " + allowedIncrease);
        }
        if (!(allowedDecrease > 0 && allowedDecrease <= 1)) {
            throw new IllegalArgumentException("allowedDecrease must be a ratio in (0, 1], was " + allowedDecrease);
        }
        if (minSamples < 1) {
            throw new IllegalArgumentException("minSamples must be at least 1, was " + minSamples);
        }
    }
}
