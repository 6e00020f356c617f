package io.meshcanary.rollout;

import java.util.List;

/**
 * What the alarm guard did with one alarm state change.
 *
 * @param rollouts the active rollouts whose analysis names the alarm, aborted now or found aborted already
 */
public record AlarmOutcome(String action, String alarm, String state, List<GuardedRollout> rollouts) {

    /** At least one rollout was aborted by this event. */
    public static final String ABORTED = "ABORTED";
    /** Every rollout the alarm belongs to was aborted already, by an earlier delivery of the event for example. */
    public static final String ALREADY_ABORTED = "ALREADY_ABORTED";
    /** The alarm left ALARM or never reached it: nothing to protect. */
    public static final String IGNORED_NOT_ALARM = "IGNORED_NOT_ALARM";
    /** No active rollout's analysis names the alarm. */
    public static final String IGNORED_NO_ROLLOUT = "IGNORED_NO_ROLLOUT";

    public AlarmOutcome {
        rollouts = List.copyOf(rollouts);
    }

    /**
     * A rollout the alarm belongs to.
     *
     * @param abortedNow false when the record was ABORTED already and was left as it was
     */
    public record GuardedRollout(String service, String deploymentId, String execution, boolean abortedNow) {
    }
}
