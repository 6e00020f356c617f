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
    /** A native app's deployment: its execution starts at the deployment's first pause instead. */
    public static final String IGNORED_NATIVE = "IGNORED_NATIVE";
    /** A pause hook of a twin app's service: not meshcanary's to answer. */
    public static final String IGNORED_TWIN = "IGNORED_TWIN";
}
