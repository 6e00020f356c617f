package io.meshcanary.registry;

import java.util.List;
import java.util.Optional;

/**
 * What an ECS Task State Change event says about a task. It is a hint: liveness is read back from ECS, but the
 * network details are taken from here because a task keeps its addresses and bindings for its whole life.
 *
 * @param eniAddress the private IPv4 address of the task's ENI (awsvpc networking)
 * @param bindings the host port bindings of the task's containers (bridge or host networking)
 * @param containerInstanceArn the EC2 container instance that hosts the task, if any
 * @param failure why the task stopped with a failure (a container's non-zero exit, a failure to start, a failed
 *     health check); empty for a running task and for a task stopped cleanly
 */
public record TaskChange(String taskArn, String clusterArn, String group, String taskDefinitionArn,
        Optional<String> eniAddress, List<PortBinding> bindings, Optional<String> containerInstanceArn,
        Optional<String> failure) {

    public TaskChange {
        bindings = List.copyOf(bindings);
    }
}
