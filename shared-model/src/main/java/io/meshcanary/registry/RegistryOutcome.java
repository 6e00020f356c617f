package io.meshcanary.registry;

import io.meshcanary.rollout.CrashOutcome;

/**
 * The result of reconciling one task; {@code service} is null for a task of no service.
 *
 * @param crash what a stopped task's failure did to its service's rollout; {@code NO_CRASH} for any other task
 */
public record RegistryOutcome(RegistryAction action, String taskId, String service, boolean virtualNodeCreated,
        CrashOutcome crash) {

    public RegistryOutcome(RegistryAction action, String taskId, String service, boolean virtualNodeCreated) {
        this(action, taskId, service, virtualNodeCreated, CrashOutcome.NO_CRASH);
    }
}
