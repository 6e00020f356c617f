package io.meshcanary.rollout;

import java.util.List;

/**
 * What ECS says of one service now.
 *
 * @param targetGroups the target groups ECS registers the service's tasks in: those of its load balancers and of
 *        its VPC Lattice configurations
 */
public record ServiceState(String name, String taskDefinition, int desiredCount, int runningCount, String status,
        List<String> targetGroups) {

    public ServiceState {
        targetGroups = List.copyOf(targetGroups);
    }

    /**
     * Deleted, but its tasks have not all stopped yet (ECS API reference, DeleteService): its name cannot be created
     * again, nor the service updated, until ECS makes it INACTIVE.
     */
    public boolean draining() {
        return "DRAINING".equals(status);
    }
}
