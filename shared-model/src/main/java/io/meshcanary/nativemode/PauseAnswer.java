package io.meshcanary.nativemode;

/** What meshcanary tells ECS at a pause (ContinueServiceDeployment's {@code action}). */
public enum PauseAnswer {
    CONTINUE,
    ROLLBACK
}
