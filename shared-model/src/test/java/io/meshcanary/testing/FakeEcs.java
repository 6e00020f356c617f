package io.meshcanary.testing;

import io.meshcanary.model.EcsArns;
import io.meshcanary.port.TaskReader;
import io.meshcanary.port.UnknownClusterException;
import io.meshcanary.registry.TaskChange;
import io.meshcanary.registry.TaskStatus;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** ECS as the registry sees it: the current status of each task, the clusters that exist, the hosts' addresses. */
public final class FakeEcs implements TaskReader {

    private final Map<String, TaskStatus> tasks = new HashMap<>();
    private final Set<String> unknownClusters = new HashSet<>();
    private final Map<String, String> hostAddresses = new HashMap<>();
    /** What ECS describes of the tasks a test started with {@link #runs}, for listing a service's tasks. */
    private final Map<String, TaskChange> described = new LinkedHashMap<>();
    private int statusReads;
    private int listings;

    public FakeEcs running(String taskArn) {
        tasks.put(taskArn, new TaskStatus("RUNNING", "RUNNING"));
        return this;
    }

    /** A task that runs now, listed among its service's tasks with what ECS describes of it. */
    public FakeEcs runs(TaskChange task) {
        described.put(task.taskArn(), task);
        return running(task.taskArn());
    }

    public FakeEcs stopped(String taskArn) {
        tasks.put(taskArn, new TaskStatus("STOPPED", "STOPPED"));
        return this;
    }

    /** Still running, but ECS has decided to stop it (scale-in, deployment, instance draining). */
    public FakeEcs draining(String taskArn) {
        tasks.put(taskArn, new TaskStatus("RUNNING", "STOPPED"));
        return this;
    }

    /** ECS keeps stopped tasks for about an hour; after that it answers as if the task never existed. */
    public FakeEcs forget(String taskArn) {
        tasks.remove(taskArn);
        return this;
    }

    /** A task that runs, but that a listing of its cluster made before it started does not name. */
    public FakeEcs unlisted(String taskArn) {
        described.remove(taskArn);
        return this;
    }

    public FakeEcs withoutCluster(String clusterArn) {
        unknownClusters.add(clusterArn);
        return this;
    }

    public FakeEcs host(String containerInstanceArn, String privateAddress) {
        hostAddresses.put(containerInstanceArn, privateAddress);
        return this;
    }

    @Override
    public Optional<TaskStatus> status(String clusterArn, String taskArn) {
        statusReads++;
        if (unknownClusters.contains(clusterArn)) {
            throw new UnknownClusterException(clusterArn);
        }
        // ECS takes a task's id as well as its ARN.
        return tasks.entrySet().stream()
                .filter(task -> task.getKey().equals(taskArn) || task.getKey().endsWith("/" + taskArn))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    @Override
    public List<TaskChange> liveTasks(String cluster) {
        listings++;
        return described.values().stream()
                .filter(task -> EcsArns.clusterName(task.clusterArn(), "clusterArn").equals(cluster)
                        && Optional.ofNullable(tasks.get(task.taskArn())).filter(TaskStatus::live).isPresent())
                .toList();
    }

    @Override
    public String hostAddress(String clusterArn, String containerInstanceArn) {
        String address = hostAddresses.get(containerInstanceArn);
        if (address == null) {
            throw new IllegalStateException("ECS has no container instance " + containerInstanceArn);
        }
        return address;
    }

    public int statusReads() {
        return statusReads;
    }

    /** How many times a reader listed tasks. */
    public int listings() {
        return listings;
    }
}
