package io.meshcanary.analysis;

import io.meshcanary.spec.Analysis;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/** Decides, after each analysis round, whether the rollout goes on or rolls back. */
public final class AnalysisJudge {

    private AnalysisJudge() {
    }

    /**
     * Adds one failed check per FAIL. Each INCONCLUSIVE extends the inconclusive streak, and every
     * {@code inconclusiveAsFailureAfter} of them in a row add one failed check and start the streak again; a round
     * without an inconclusive result also starts it again. A round without results (no checks configured) passes.
     *
     * @param failedSoFar failed checks before this round, from the rollout record
     * @param inconclusiveStreak the streak before this round, from the rollout record
     */
    public static Verdict judge(Analysis policy, int failedSoFar, int inconclusiveStreak, List<CheckResult> results) {
        if (failedSoFar < 0 || inconclusiveStreak < 0) {
            throw new IllegalArgumentException("failed checks and inconclusive streak cannot be negative, were %d, %d"
                    .formatted(failedSoFar, inconclusiveStreak));
        }
        int failed = failedSoFar;
        int streak = inconclusiveStreak;
        int streaksCounted = 0;
        List<String> passed = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<String> inconclusive = new ArrayList<>();
        for (CheckResult result : results) {
            switch (result.outcome()) {
                case PASS -> passed.add(result.check());
                case FAIL -> {
                    failures.add(result.check());
                    failed++;
                }
                case INCONCLUSIVE -> {
                    inconclusive.add(result.check());
                    streak++;
                    // >= rather than ==: a spec edited mid-rollout may lower the limit below the current streak.
                    if (streak >= policy.inconclusiveAsFailureAfter()) {
                        failed++;
                        streaksCounted++;
                        streak = 0;
                    }
                }
            }
        }
        if (inconclusive.isEmpty()) {
            streak = 0;
        }
        boolean rollback = failed >= policy.threshold();
        return new Verdict(failed, streak, rollback,
                summary(results.isEmpty(), passed, failures, inconclusive, streaksCounted, policy, failed, rollback));
    }

    private static String summary(boolean noChecks, List<String> passed, List<String> failures,
            List<String> inconclusive, int streaksCounted, Analysis policy, int failed, boolean rollback) {
        StringJoiner round = new StringJoiner(", ");
        if (noChecks) {
            round.add("no checks configured");
        }
        if (!passed.isEmpty()) {
            round.add(passed.size() + " passed");
        }
        if (!failures.isEmpty()) {
            round.add("%d failed (%s)".formatted(failures.size(), String.join(", ", failures)));
        }
        if (!inconclusive.isEmpty()) {
            round.add("%d inconclusive (%s)".formatted(inconclusive.size(), String.join(", ", inconclusive)));
        }
        String counted = "";
        if (streaksCounted > 0) {
            int after = policy.inconclusiveAsFailureAfter();
            String rule = after == 1 ? "inconclusive counts as failed"
                    : after + " inconclusive in a row count as one failed";
            counted = "; " + rule + (streaksCounted > 1 ? " (%d times)".formatted(streaksCounted) : "");
        }
        return "%s%s; failed checks %d of %d: %s".formatted(round, counted, failed, policy.threshold(),
                rollback ? "roll back" : "go on");
    }
}
