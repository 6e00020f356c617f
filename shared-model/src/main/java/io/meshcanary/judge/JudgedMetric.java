package io.meshcanary.judge;

import java.util.Objects;

/**
 * A metric's judgement with what the score makes of it.
 *
 * @param critical whether its failure fails the whole judge, whatever the score
 * @param mustHaveData whether NoData counts as a failure rather than leaving the metric out of its group
 * @param dryRun whether it is only reported, never scored
 */
public record JudgedMetric(String name, String group, boolean critical, boolean mustHaveData, boolean dryRun,
        MetricJudgement judgement) {

    public JudgedMetric {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(judgement, "judgement");
    }

    /** Whether the score counts it: scored, and with data or required to have it. */
    boolean classified() {
        return !dryRun && (judgement.classification() != Classification.NO_DATA || mustHaveData);
    }

    boolean failed() {
        return classified() && judgement.classification() != Classification.PASS;
    }
}
