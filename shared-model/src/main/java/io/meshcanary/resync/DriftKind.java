package io.meshcanary.resync;

/** What the resync found out of line with the facts it compares against. */
public enum DriftKind {
    /** A Cloud Map instance of the app whose task no longer runs. */
    GHOST_REGISTRATION,
    /** A live task of the app that is not registered in Cloud Map. */
    MISSING_REGISTRATION,
    /** The route's weights differ from those the rollout record says were applied. */
    WEIGHT_DRIFT,
    /** An alarm the rollout's analysis names is in ALARM, but its event never aborted the rollout. */
    MISSED_ALARM,
    /** The rollout has not ended, but the execution that drives it has. */
    STUCK_ROLLOUT,
    /** A per-track virtual node of a service that is no longer onboarded. */
    ORPHAN_VIRTUAL_NODE,
    /** A Cloud Map instance of a service that is no longer onboarded. */
    ORPHAN_REGISTRATION,
    /** A service whose spec is gone while its twin still runs: reported, never repaired by removing anything. */
    SPEC_MISSING,
    /** A native app's service deployment waits at a pause that no running execution answers. */
    UNANSWERED_PAUSE
}
