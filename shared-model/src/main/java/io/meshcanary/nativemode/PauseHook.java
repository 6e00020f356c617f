package io.meshcanary.nativemode;

import io.meshcanary.spec.CanarySpec;
import java.util.List;

/**
 * meshcanary's pause hook on a native service: ECS stops before each production traffic step and once more after the
 * last one (the pre-promotion gate), and waits for the rollout's answer. Onboarding adds it beside the team's own
 * hooks, and offboarding removes only it, recognised by its marker in {@code hookDetails}.
 *
 * @param timeoutMinutes how long ECS waits for an answer before it rolls back on its own
 */
public record PauseHook(int timeoutMinutes) {

    public static final String TARGET_TYPE = "PAUSE";
    public static final List<String> STAGES = List.of("PRE_PRODUCTION_TRAFFIC_SHIFT", "POST_PRODUCTION_TRAFFIC_SHIFT");
    /** A hook that times out means meshcanary never answered: the new revision was not judged, so it goes. */
    public static final String TIMEOUT_ACTION = "ROLLBACK";
    /** The {@code hookDetails} key, and its value, that mark a hook as meshcanary's. */
    public static final String MARKER_KEY = "managedBy";
    public static final String MARKER_VALUE = "meshcanary";

    /** ECS's range for timeoutInMinutes (API reference, DeploymentLifecycleHookTimeoutConfiguration). */
    static final int MAX_TIMEOUT_MINUTES = 20_160;
    /** What the workflow may take, beyond the spec's waits, from ECS's pause to its answer. */
    static final int ANSWER_SECONDS = 300;

    public PauseHook {
        if (timeoutMinutes < 1 || timeoutMinutes > MAX_TIMEOUT_MINUTES) {
            throw new IllegalArgumentException(
                    "a pause lasts 1 to %d minutes, was %d".formatted(MAX_TIMEOUT_MINUTES, timeoutMinutes));
        }
    }

    /**
     * The hook for a spec: long enough for a pause's interval, its analysis and, when the spec has gates, the longest
     * a gate may take; a spec's largest waits (a day's interval, a week's gate) stay within ECS's 14 days.
     */
    public static PauseHook of(CanarySpec spec) {
        boolean gated = spec.gates().preStep().isPresent() || spec.gates().prePromotion().isPresent()
                || spec.gates().preRollout().isPresent();
        int seconds = spec.intervalSeconds() + (gated ? spec.timeouts().gateSeconds() : 0) + ANSWER_SECONDS;
        return new PauseHook(Math.min(MAX_TIMEOUT_MINUTES, Math.ceilDiv(seconds, 60)));
    }
}
