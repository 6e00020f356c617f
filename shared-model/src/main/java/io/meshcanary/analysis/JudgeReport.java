package io.meshcanary.analysis;

import io.meshcanary.judge.JudgeScore;
import io.meshcanary.judge.JudgedMetric;
import java.util.List;
import java.util.Objects;

/**
 * One analysis round of the judge: every metric's class with what it rests on, the score, and the check result the
 * analysis counts.
 *
 * @param pauses whether the round asks the rollout to wait for an operator (a marginal score with onMarginal pause)
 */
public record JudgeReport(List<JudgedMetric> metrics, JudgeScore score, boolean dryRun, boolean pauses,
        CheckResult check) {

    public JudgeReport {
        metrics = List.copyOf(metrics);
        Objects.requireNonNull(score, "score");
        Objects.requireNonNull(check, "check");
    }

    /** The round as the record and its events keep it. */
    public JudgeSummary summary() {
        return JudgeSummary.of(this);
    }
}
