package io.meshcanary.rollout;

/** What a task that stopped with a failure did to its service's rollout. */
public enum CrashOutcome {
    /** The task is running, or stopped cleanly. */
    NO_CRASH,
    /** A primary task crashed: it runs the revision everyone falls back to, and no rollout judges it. */
    IGNORED_NOT_CANARY,
    /** No rollout of the service is under way, or it rolls back already, or it is a bootstrap. */
    IGNORED_NO_ROLLOUT,
    /** The task ran another revision than the rollout's canary: an older one, for example. */
    IGNORED_OTHER_REVISION,
    /** The task's crash was counted before, from an earlier delivery of its STOPPED event. */
    ALREADY_COUNTED,
    /** Counted, and the rollout stays within its spec's limit. */
    COUNTED,
    /** Counted, and the rollout went past its limit: traffic went to the primary and the record became ABORTED. */
    ABORTED
}
