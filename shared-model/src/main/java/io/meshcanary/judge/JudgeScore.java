package io.meshcanary.judge;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * @param score 0 to 100, the groups' scores weighted; 0 after a critical failure, NaN when no group has data
 * @param groups each scored group's passes ÷ classified × 100; NaN for a group without data
 * @param criticalFailures the critical metrics that failed
 */
public record JudgeScore(double score, Map<String, Double> groups, JudgeOutcome outcome,
        List<String> criticalFailures) {

    public JudgeScore {
        groups = Map.copyOf(groups);
        Objects.requireNonNull(outcome, "outcome");
        criticalFailures = List.copyOf(criticalFailures);
    }
}
