package io.meshcanary.port;

import io.meshcanary.registry.TaskChange;
import io.meshcanary.registry.TaskStatus;
import java.util.List;
import java.util.Optional;

/** Reads the actual state of ECS tasks, so that handlers act on facts rather than on event order. */
public interface TaskReader {

    /**
     * @param clusterArn the cluster's ARN or name
     * @param taskArn the task's ARN or id
     * @return the task's status now, or empty when ECS no longer knows the task
     * @throws UnknownClusterException if the cluster does not exist
     */
    Optional<TaskStatus> status(String clusterArn, String taskArn);

    /**
     * The live tasks (running, and meant to keep running) of every service in one ECS cluster, each described as a
     * task change with no failure: what the resync compares the registrations against, and registers a missing task
     * from. One listing serves every service of the cluster, so its cost grows with the tasks, not the services.
     *
     * @param cluster the ECS cluster name
     */
    List<TaskChange> liveTasks(String cluster);

    /** The private IPv4 address of the EC2 instance behind a container instance. */
    String hostAddress(String clusterArn, String containerInstanceArn);
}
