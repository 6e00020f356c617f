package io.meshcanary.resync;

import io.meshcanary.port.TaskReader;
import io.meshcanary.registry.TaskChange;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One resync's view of the live tasks: each cluster is listed once, when a service in it is first checked, and its
 * tasks are grouped by the ECS service that started them. Tasks that start later are missing from it; the
 * registration check asks ECS about those before it calls a registration a ghost.
 */
public final class ClusterTasks {

    private final TaskReader tasks;
    private final Map<String, Map<String, List<TaskChange>>> byCluster = new HashMap<>();

    ClusterTasks(TaskReader tasks) {
        this.tasks = tasks;
    }

    /** The live tasks ECS started for the service, as the cluster's listing found them. */
    List<TaskChange> of(String cluster, String serviceName) {
        return byCluster.computeIfAbsent(cluster, name -> tasks.liveTasks(name).stream()
                        .collect(Collectors.groupingBy(TaskChange::group)))
                .getOrDefault("service:" + serviceName, List.of());
    }
}
