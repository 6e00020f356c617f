package io.meshcanary.rollout;

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
     * How often one wait for capacity may poll. The two waits (canary, primary) then write at most 16,200 history
     * events, which leaves the rest of Step Functions' 25,000 to the weight steps (at most 100, about 21 events each
     * with a gate) and the states around them.
     */
    static final int MAX_POLLS_PER_WAIT = 900;

    /**
     * Capacity is polled often enough not to hold up short intervals, at most every ten seconds, and seldom enough
     * that the longest wait stays within {@link #MAX_POLLS_PER_WAIT} polls.
     */
    public static int pollSecondsFor(int intervalSeconds, int longestWaitSeconds) {
        return Math.max(Math.clamp(intervalSeconds / 2, 1, 10),
                Math.ceilDiv(longestWaitSeconds, MAX_POLLS_PER_WAIT));
    }
}
