package io.meshcanary.port;

import io.meshcanary.registry.TaskChange;
import io.meshcanary.registry.TaskStatus;
import java.util.List;
import java.util.Optional;

/** Reads the actual state of ECS tasks, so that handlers act on facts rather than on event order. */
public interface TaskReader {

    /**
     * @return the task's status now, or empty when ECS no longer knows the task
     * @throws UnknownClusterException if the cluster does not exist
     */
    Optional<TaskStatus> status(String clusterArn, String taskArn);

    /**
     * The live tasks (running, and meant to keep running) of one ECS service, each described as a task change with
     * no failure: what the resync compares the registrations against, and registers a missing task from.
     *
     * @param cluster the ECS cluster name
     */
    List<TaskChange> running(String cluster, String serviceName);

    /** The private IPv4 address of the EC2 instance behind a container instance. */
    String hostAddress(String clusterArn, String containerInstanceArn);
}
