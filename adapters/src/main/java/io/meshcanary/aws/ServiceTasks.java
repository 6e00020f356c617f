package io.meshcanary.aws;

import io.meshcanary.model.EcsArns;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.ListTasksRequest;
import software.amazon.awssdk.services.ecs.model.Task;

/** The tasks ECS keeps running for one service, or for a whole cluster, described. */
final class ServiceTasks {

    /** DescribeTasks takes at most this many tasks a call. */
    private static final int DESCRIBE_BATCH = 100;

    private ServiceTasks() {
    }

    /**
     * Lists the service's tasks whose desired status is RUNNING and describes them, keeping only those in the
     * service's own group, {@code service:<name>}: ECS starts a service's tasks in that group, and the filter keeps a
     * listing that ignored the service name (as the emulator's does) from counting another service's tasks.
     */
    static List<Task> of(EcsClient ecs, String cluster, String service) {
        String group = "service:" + service;
        return described(ecs, cluster, request -> request.serviceName(service)).stream()
                .filter(task -> group.equals(task.group()))
                .toList();
    }

    /** Every task in the cluster whose desired status is RUNNING, described: one pass for all its services. */
    static List<Task> ofCluster(EcsClient ecs, String cluster) {
        return described(ecs, cluster, request -> { });
    }

    private static List<Task> described(EcsClient ecs, String cluster, Consumer<ListTasksRequest.Builder> filter) {
        List<String> arns = ecs.listTasksPaginator(request -> filter.accept(request.cluster(cluster)
                .desiredStatus(DesiredStatus.RUNNING))).taskArns().stream().toList();
        List<Task> tasks = new ArrayList<>();
        for (int from = 0; from < arns.size(); from += DESCRIBE_BATCH) {
            List<String> batch = arns.subList(from, Math.min(from + DESCRIBE_BATCH, arns.size()));
            tasks.addAll(ecs.describeTasks(request -> request.cluster(cluster).tasks(batch)).tasks());
        }
        return tasks;
    }

    /**
     * The revisions of the service's tasks that are RUNNING now, one entry a task: behind a load balancer or VPC
     * Lattice, the track's capacity, since ECS registers those tasks in their target group itself.
     */
    static List<String> runningRevisions(EcsClient ecs, String cluster, String service) {
        return of(ecs, cluster, service).stream()
                .filter(task -> "RUNNING".equals(task.lastStatus()))
                .map(task -> EcsArns.taskDefinitionRevision(task.taskDefinitionArn(), "taskDefinitionArn"))
                .toList();
    }
}
