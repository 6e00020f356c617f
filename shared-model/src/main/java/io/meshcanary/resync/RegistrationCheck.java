package io.meshcanary.resync;

import io.meshcanary.model.EcsArns;
import io.meshcanary.model.Track;
import io.meshcanary.model.TrackedService;
import io.meshcanary.port.TaskReader;
import io.meshcanary.port.TaskRegistries;
import io.meshcanary.registry.NodeRegistry;
import io.meshcanary.registry.Registration;
import io.meshcanary.registry.TaskChange;
import io.meshcanary.registry.TaskRegistry;
import io.meshcanary.registry.TaskStatus;
import io.meshcanary.rollout.Rollout;
import io.meshcanary.spec.RouterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compares an app's Cloud Map instances with the live tasks of its two tracks: it deregisters ghosts and registers
 * the missing through the node registry, so a task is registered exactly as its RUNNING event would have. Behind a
 * load balancer or Lattice ECS registers the targets itself: there is nothing of meshcanary's to compare.
 */
public final class RegistrationCheck {

    private final TaskReader tasks;
    private final TaskRegistries registries;
    private final NodeRegistry registry;

    public RegistrationCheck(TaskReader tasks, TaskRegistries registries, NodeRegistry registry) {
        this.tasks = tasks;
        this.registries = registries;
        this.registry = registry;
    }

    /** A fresh view of the live tasks for one resync, listing each cluster once. */
    ClusterTasks listing() {
        return new ClusterTasks(tasks);
    }

    List<Drift> check(ClusterTasks listed, String cluster, String app, RouterSpec router, boolean dryRun) {
        Optional<TaskRegistry> found = registries.registry(router);
        return found.isEmpty() ? List.of() : check(listed, cluster, app, found.get(), dryRun);
    }

    private List<Drift> check(ClusterTasks listed, String cluster, String app, TaskRegistry cloudMap,
            boolean dryRun) {
        String service = Rollout.key(cluster, app);
        List<Registration> registered = cloudMap.registrationsOf(cluster, app);
        Map<String, TaskChange> live = new LinkedHashMap<>();
        for (Track track : Track.values()) {
            listed.of(cluster, new TrackedService(app, track).serviceName())
                    .forEach(task -> live.put(EcsArns.taskId(task.taskArn(), "taskArn"), task));
        }
        List<Drift> drifts = new ArrayList<>();
        for (Registration ghost : registered) {
            // The listing may predate the instances: a task that started since is registered, runs, and is not in
            // it, so ECS is asked once more before its registration goes. A task that stops after the listing stays
            // registered until its STOPPED event or the next resync; one found missing is registered by the node
            // registry only if ECS still says it runs.
            if (!live.containsKey(ghost.instanceId()) && !runsNow(cluster, ghost)) {
                if (!dryRun) {
                    cloudMap.deregister(ghost.instanceId());
                }
                drifts.add(new Drift(DriftKind.GHOST_REGISTRATION, service,
                        "instance %s of %s is registered but its task is not running".formatted(ghost.instanceId(),
                                ghost.service()),
                        "deregister it", !dryRun));
            }
        }
        Set<String> registeredIds = registered.stream().map(Registration::instanceId).collect(Collectors.toSet());
        live.forEach((taskId, task) -> {
            if (!registeredIds.contains(taskId)) {
                if (!dryRun) {
                    registry.reconcile(task);
                }
                drifts.add(new Drift(DriftKind.MISSING_REGISTRATION, service,
                        "task %s of %s runs but is not registered".formatted(taskId, task.group()),
                        "register it", !dryRun));
            }
        });
        return drifts;
    }

    private boolean runsNow(String cluster, Registration registration) {
        return tasks.status(cluster, registration.instanceId()).map(TaskStatus::live).orElse(false);
    }
}
