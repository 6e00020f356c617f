package io.meshcanary.registry;

import java.util.List;
import java.util.Optional;

/**
 * Task changes as the handler reads them from events, in cluster {@code shop} where app {@code orders} is onboarded.
 * Each test states only what its story is about.
 */
final class TaskChanges {

    static final String CLUSTER_ARN = "arn:aws:ecs:us-east-1:123456789012:cluster/shop";
    static final String CONTAINER_INSTANCE_ARN =
            "arn:aws:ecs:us-east-1:123456789012:container-instance/shop/2f8e4c1a7b9d4e60a3c5b7d9e1f30425";

    private String taskArn;
    private String clusterArn = CLUSTER_ARN;
    private String group = "service:orders";
    private String taskDefinitionArn = "arn:aws:ecs:us-east-1:123456789012:task-definition/orders:7";
    private Optional<String> eniAddress = Optional.empty();
    private List<PortBinding> bindings = List.of();
    private Optional<String> containerInstanceArn = Optional.empty();
    private Optional<String> failure = Optional.empty();

    private TaskChanges(String taskId) {
        this.taskArn = taskArn(taskId);
    }

    static String taskArn(String taskId) {
        return "arn:aws:ecs:us-east-1:123456789012:task/shop/" + taskId;
    }

    /** awsvpc networking: the task has its own ENI address. */
    static TaskChanges fargateTask(String taskId, String address) {
        TaskChanges task = new TaskChanges(taskId);
        task.eniAddress = Optional.of(address);
        return task;
    }

    /** bridge networking: the listener port 8080 is published on a dynamic host port of every host address. */
    static TaskChanges bridgeTask(String taskId, int hostPort) {
        TaskChanges task = new TaskChanges(taskId);
        task.bindings = List.of(new PortBinding("0.0.0.0", 8080, hostPort), new PortBinding("::", 8080, hostPort));
        task.containerInstanceArn = Optional.of(CONTAINER_INSTANCE_ARN);
        return task;
    }

    TaskChanges inService(String serviceName) {
        return group("service:" + serviceName);
    }

    TaskChanges group(String value) {
        group = value;
        return this;
    }

    TaskChanges taskArnAs(String value) {
        taskArn = value;
        return this;
    }

    TaskChanges clusterArn(String value) {
        clusterArn = value;
        return this;
    }

    TaskChanges taskDefinitionArn(String value) {
        taskDefinitionArn = value;
        return this;
    }

    TaskChanges bindings(PortBinding... values) {
        bindings = List.of(values);
        return this;
    }

    TaskChanges withoutEniAddress() {
        eniAddress = Optional.empty();
        return this;
    }

    TaskChanges withoutContainerInstance() {
        containerInstanceArn = Optional.empty();
        return this;
    }

    /** The STOPPED event says the task failed, for example "container orders exited with code 1". */
    TaskChanges failed(String why) {
        failure = Optional.of(why);
        return this;
    }

    TaskChange build() {
        return new TaskChange(taskArn, clusterArn, group, taskDefinitionArn, eniAddress, bindings,
                containerInstanceArn, failure);
    }
}
