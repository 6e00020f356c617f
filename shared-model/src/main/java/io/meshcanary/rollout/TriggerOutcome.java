package io.meshcanary.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the deployment trigger did.
 *
 * @param execution the execution's name when one was started (or found started)
 * @param reason why nothing was started, where the action alone does not say
 */
public record TriggerOutcome(String action, String service, String execution,
        @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {

    public static final String STARTED = "STARTED";
    public static final String IGNORED_PRIMARY = "IGNORED_PRIMARY";
    public static final String IGNORED_NOT_ONBOARDED = "IGNORED_NOT_ONBOARDED";
    /** A native app's deployment: its execution starts at the deployment's first pause instead. */
    public static final String IGNORED_NATIVE = "IGNORED_NATIVE";
    /** A pause hook of a twin app's service: not meshcanary's to answer. */
    public static final String IGNORED_TWIN = "IGNORED_TWIN";
    /** A hook of a native app's service that is not meshcanary's (a team's own pause, a Lambda hook). */
    public static final String IGNORED_NOT_MESHCANARYS_HOOK = "IGNORED_NOT_MESHCANARYS_HOOK";

    public TriggerOutcome(String action, String service, String execution) {
        this(action, service, execution, null);
    }
}
