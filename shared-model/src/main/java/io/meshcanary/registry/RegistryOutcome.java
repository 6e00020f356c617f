package io.meshcanary.registry;

/** The result of reconciling one task; {@code service} is null for a task of no service. */
public record RegistryOutcome(RegistryAction action, String taskId, String service, boolean virtualNodeCreated) {
}
