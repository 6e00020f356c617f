package io.meshcanary.analysis;

import java.util.Objects;

/**
 * The outcome of one analysis round, carried into the next one through the rollout record.
 *
 * @param failedChecks failed checks over the whole rollout, this round included
 * @param inconclusiveStreak consecutive inconclusive results not yet counted as a failed check
 * @param rollback whether the failed checks reached the spec's threshold
 * @param summary the round in plain words, for the rollout's history and events
 */
public record Verdict(int failedChecks, int inconclusiveStreak, boolean rollback, String summary) {

    public Verdict {
        if (failedChecks < 0 || inconclusiveStreak < 0) {
            throw new IllegalArgumentException("failed checks and inconclusive streak cannot be negative, were %d, %d"
                    .formatted(failedChecks, inconclusiveStreak));
        }
        Objects.requireNonNull(summary, "summary");
    }
}
