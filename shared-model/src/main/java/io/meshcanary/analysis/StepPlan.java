package io.meshcanary.analysis;

import java.util.List;
import java.util.OptionalInt;

/** Where the canary's weight goes next. */
public final class StepPlan {

    private StepPlan() {
    }

    /**
     * @param steps the spec's weights, ascending
     * @param stepsDone how many weight steps the rollout has applied
     * @return the canary weight of the next step, or empty once every step is done; also empty if the spec was
     *         edited during the rollout down to fewer steps than are done, so the rollout goes on to promotion
     */
    public static OptionalInt weightAfter(List<Integer> steps, int stepsDone) {
        if (stepsDone < 0) {
            throw new IllegalArgumentException("steps done cannot be negative, was " + stepsDone);
        }
        return stepsDone < steps.size() ? OptionalInt.of(steps.get(stepsDone)) : OptionalInt.empty();
    }
}
