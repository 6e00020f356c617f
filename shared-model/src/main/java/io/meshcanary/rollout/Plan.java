package io.meshcanary.rollout;

/**
 * What the workflow needs to route its states after initialization.
 *
 * @param bootstrap true for a newly onboarded service: the twin was just created and no canary runs
 * @param pollSeconds how long the workflow waits between capacity checks
 * @param preRolloutGate {@code none}, {@code auto} (Lambda or webhook) or {@code manual}, as are the other gates
 */
public record Plan(boolean bootstrap, int intervalSeconds, int pollSeconds, String preRolloutGate,
        String preStepGate, String prePromotionGate, int gateTimeoutSeconds) {

    /** Capacity is polled often enough not to hold up short intervals, and at most every ten seconds. */
    public static int pollSecondsFor(int intervalSeconds) {
        return Math.clamp(intervalSeconds / 2, 1, 10);
    }
}
