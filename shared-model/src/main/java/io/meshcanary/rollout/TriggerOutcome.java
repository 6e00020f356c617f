package io.meshcanary.rollout;

/**
 * What the deployment trigger did.
 *
 * @param execution the execution's name when one was started (or found started)
 */
public record TriggerOutcome(String action, String service, String execution) {

    public static final String STARTED = "STARTED";
    public static final String IGNORED_PRIMARY = "IGNORED_PRIMARY";
    public static final String IGNORED_NOT_ONBOARDED = "IGNORED_NOT_ONBOARDED";
    /** A native app: ECS moves its traffic, and meshcanary answers the deployment's pause hooks instead. */
    public static final String IGNORED_NATIVE = "IGNORED_NATIVE";
}
