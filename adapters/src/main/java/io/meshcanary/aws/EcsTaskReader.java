package io.meshcanary.aws;

import io.meshcanary.port.TaskReader;
import io.meshcanary.port.UnknownClusterException;
import io.meshcanary.registry.PortBinding;
import io.meshcanary.registry.TaskChange;
import io.meshcanary.registry.TaskStatus;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Task;

/** Reads task state from ECS, and a bridge task's host address from EC2. */
public final class EcsTaskReader implements TaskReader {

    private final EcsClient ecs;
    private final Supplier<Ec2Instances> ec2Factory;
    private Ec2Instances ec2;

    /** EC2 is reached on first use: only bridge and host networking need it. */
    public EcsTaskReader(EcsClient ecs, Supplier<Ec2Instances> ec2Factory) {
        this.ecs = ecs;
        this.ec2Factory = ec2Factory;
    }

    @Override
    public Optional<TaskStatus> status(String clusterArn, String taskArn) {
        DescribeTasksResponse response;
        try {
            response = ecs.describeTasks(request -> request.cluster(clusterArn).tasks(taskArn));
        } catch (ClusterNotFoundException e) {
            throw new UnknownClusterException(clusterArn);
        }
        // ECS answers for an unknown cluster either with the exception above or with a MISSING failure for the
        // cluster itself, depending on the caller's permissions; both mean the same.
        if (response.failures().stream().anyMatch(failure -> clusterArn.equals(failure.arn()))) {
            throw new UnknownClusterException(clusterArn);
        }
        return response.tasks().stream().findFirst().map(task -> new TaskStatus(task.lastStatus(), task.desiredStatus()));
    }

    @Override
    public List<TaskChange> liveTasks(String cluster) {
        return ServiceTasks.ofCluster(ecs, cluster).stream()
                .filter(task -> new TaskStatus(task.lastStatus(), task.desiredStatus()).live())
                .map(EcsTaskReader::asChange)
                .toList();
    }

    /** What a RUNNING event would say of the task: its ENI address, or its host port bindings. */
    static TaskChange asChange(Task task) {
        Optional<String> eniAddress = task.attachments().stream()
                .flatMap(attachment -> attachment.details().stream())
                .filter(detail -> "privateIPv4Address".equals(detail.name()))
                .map(KeyValuePair::value)
                .findFirst();
        List<PortBinding> bindings = task.containers().stream()
                .flatMap(container -> container.networkBindings().stream())
                .map(binding -> new PortBinding(binding.bindIP(), binding.containerPort(), binding.hostPort()))
                .toList();
        return new TaskChange(task.taskArn(), task.clusterArn(), task.group(), task.taskDefinitionArn(), eniAddress,
                bindings, Optional.ofNullable(task.containerInstanceArn()), Optional.empty());
    }

    @Override
    public String hostAddress(String clusterArn, String containerInstanceArn) {
        ContainerInstance instance = ecs.describeContainerInstances(
                        request -> request.cluster(clusterArn).containerInstances(containerInstanceArn))
                .containerInstances().stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("ECS has no container instance " + containerInstanceArn));
        return ec2().privateAddress(instance.ec2InstanceId());
    }

    /** Reaches EC2 ahead of the first bridge task, for SnapStart priming. */
    void prime() {
        ec2();
    }

    private synchronized Ec2Instances ec2() {
        if (ec2 == null) {
            ec2 = ec2Factory.get();
        }
        return ec2;
    }
}
