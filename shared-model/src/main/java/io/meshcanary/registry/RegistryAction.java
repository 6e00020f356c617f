package io.meshcanary.registry;

/** What one reconciliation of a task did. */
public enum RegistryAction {
    /** The task was started by no service. */
    IGNORED_NO_SERVICE,
    /** The task's service has no canary spec. */
    IGNORED_NOT_ONBOARDED,
    /** The task's service is routed by a load balancer or VPC Lattice, where ECS registers its tasks itself. */
    IGNORED_NOT_MESHED,
    REGISTERED,
    /** The task was already registered exactly so. */
    ALREADY_REGISTERED,
    DEREGISTERED,
    /** The task is not live and was not registered. */
    ALREADY_ABSENT
}
