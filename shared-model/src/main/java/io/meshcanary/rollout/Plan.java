package io.meshcanary.rollout;

import io.meshcanary.spec.CanarySpec;
import io.meshcanary.spec.Timeouts;

/**
 * What the workflow needs to route its states after initialization.
 *
 * @param bootstrap true for a newly onboarded service: the twin was just created and no canary runs
 * @param pollSeconds how long the workflow waits between capacity checks
 * @param preRolloutGate the kind of gate before the first step; the other gates likewise
 */
public record Plan(boolean bootstrap, int intervalSeconds, int pollSeconds, GateKind preRolloutGate,
        GateKind preStepGate, GateKind prePromotionGate, int gateTimeoutSeconds) {

    /** A capacity poll costs nine history events: its Task state's five, the Choice's two and the Wait's two. */
    static final int EVENTS_PER_POLL = 9;

    /**
     * The spec's {@code timeouts.capacityPollSeconds} (its parser keeps it within {@link Timeouts#MAX_POLLS_PER_WAIT}
     * polls per wait) or, where it sets none, a poll derived from the interval.
     */
    public static int pollSecondsFor(CanarySpec spec, int longestWaitSeconds) {
        return spec.timeouts().capacityPollSeconds()
                .orElseGet(() -> pollSecondsFor(spec.intervalSeconds(), longestWaitSeconds));
    }

    /**
     * Capacity is polled often enough not to hold up short intervals, at most every ten seconds, and seldom enough
     * that the longest wait stays within {@link Timeouts#MAX_POLLS_PER_WAIT} polls.
     */
    static int pollSecondsFor(int intervalSeconds, int longestWaitSeconds) {
        return Math.max(Math.clamp(intervalSeconds / 2, 1, 10),
                Math.ceilDiv(longestWaitSeconds, Timeouts.MAX_POLLS_PER_WAIT));
    }
}
