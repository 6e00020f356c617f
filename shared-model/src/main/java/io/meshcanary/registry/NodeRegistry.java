package io.meshcanary.registry;

import io.meshcanary.model.EcsArns;
import io.meshcanary.model.InvalidEventException;
import io.meshcanary.model.Track;
import io.meshcanary.model.TrackedService;
import io.meshcanary.port.SpecStore;
import io.meshcanary.port.TaskRegistries;
import io.meshcanary.port.TaskReader;
import io.meshcanary.port.UnknownClusterException;
import io.meshcanary.rollout.CrashGuard;
import io.meshcanary.rollout.CrashOutcome;
import io.meshcanary.rollout.Rollout;
import io.meshcanary.spec.CanarySpec;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Keeps Cloud Map registrations and per-track virtual nodes in step with the tasks of onboarded services routed by
 * App Mesh; the tasks of services behind other routers are left to ECS.
 *
 * <p>An event is only a hint that a task changed: the registry reads the task's status from ECS and converges on
 * it, and reads it again after a registration, for the task's STOPPED event may be handled side by side with its
 * RUNNING event. Duplicated, late, reordered and concurrent events therefore all end in the same registrations.
 *
 * <p>A canary task that stopped with a failure also counts against its service's active rollout, through the
 * {@link CrashGuard}.
 */
public final class NodeRegistry {

    private final SpecStore specs;
    private final TaskReader tasks;
    private final TaskRegistries registries;
    private final Supplier<CrashGuard> crashes;

    public NodeRegistry(SpecStore specs, TaskReader tasks, TaskRegistries registries, CrashGuard crashes) {
        this(specs, tasks, registries, () -> crashes);
    }

    /**
     * @param crashes asked for only when a canary task crashed: most task events never need what the crash guard
     *     reaches, so a function's init need not build it
     */
    public NodeRegistry(SpecStore specs, TaskReader tasks, TaskRegistries registries, Supplier<CrashGuard> crashes) {
        this.specs = specs;
        this.tasks = tasks;
        this.registries = registries;
        this.crashes = crashes;
    }

    public RegistryOutcome reconcile(TaskChange change) {
        String taskId = EcsArns.taskId(change.taskArn(), "detail.taskArn");
        String cluster = EcsArns.clusterName(change.clusterArn(), "detail.clusterArn");
        Optional<TrackedService> tracked = TrackedService.fromTaskGroup(change.group());
        if (tracked.isEmpty()) {
            return new RegistryOutcome(RegistryAction.IGNORED_NO_SERVICE, taskId, null, false);
        }
        TrackedService service = tracked.get();
        Optional<CanarySpec> spec = specs.find(cluster, service.app());
        if (spec.isEmpty()) {
            return new RegistryOutcome(RegistryAction.IGNORED_NOT_ONBOARDED, taskId, service.serviceName(), false);
        }
        Optional<TaskRegistry> found = registries.registry(spec.get().router());
        if (found.isEmpty()) {
            // ECS registers these tasks in their target groups itself; only a crash concerns meshcanary here.
            return new RegistryOutcome(RegistryAction.IGNORED_NOT_MESHED, taskId, service.serviceName(), false,
                    change.failure().isEmpty() || liveNow(change) ? CrashOutcome.NO_CRASH
                            : countCrash(change, taskId, cluster, service));
        }
        TaskRegistry registry = found.get();
        if (!liveNow(change)) {
            boolean removed = registry.deregister(taskId);
            RegistryAction action = removed ? RegistryAction.DEREGISTERED : RegistryAction.ALREADY_ABSENT;
            // Deregistered first: a crash that fails to count is retried with the event, and must not keep the
            // dead task in Cloud Map meanwhile.
            return new RegistryOutcome(action, taskId, service.serviceName(), false,
                    countCrash(change, taskId, cluster, service));
        }
        Registration registration = registration(change, taskId, cluster, service, registry.port());
        boolean created = registry.ensureVirtualNode(service);
        if (registry.find(taskId).filter(registration::equals).isPresent()) {
            return new RegistryOutcome(RegistryAction.ALREADY_REGISTERED, taskId, service.serviceName(), created);
        }
        registry.register(registration);
        if (!liveNow(change)) {
            // The task stopped between the read above and this write, and its STOPPED event may have been handled in
            // that window, finding nothing to deregister: this invocation takes back what it wrote.
            registry.deregister(taskId);
            return new RegistryOutcome(RegistryAction.DEREGISTERED, taskId, service.serviceName(), created);
        }
        return new RegistryOutcome(RegistryAction.REGISTERED, taskId, service.serviceName(), created);
    }

    private CrashOutcome countCrash(TaskChange change, String taskId, String cluster, TrackedService service) {
        if (change.failure().isEmpty()) {
            return CrashOutcome.NO_CRASH;
        }
        if (service.track() != Track.CANARY) {
            return CrashOutcome.IGNORED_NOT_CANARY;
        }
        return crashes.get().onCanaryCrash(Rollout.key(cluster, service.app()), taskId, change.taskDefinitionArn(),
                change.failure().get());
    }

    private boolean liveNow(TaskChange change) {
        try {
            return tasks.status(change.clusterArn(), change.taskArn()).map(TaskStatus::live).orElse(false);
        } catch (UnknownClusterException e) {
            throw new InvalidEventException("detail.clusterArn", "unknown cluster " + change.clusterArn(), e);
        }
    }

    private Registration registration(TaskChange change, String taskId, String cluster, TrackedService service,
            int port) {
        String revision = EcsArns.taskDefinitionRevision(change.taskDefinitionArn(), "detail.taskDefinitionArn");
        String family = EcsArns.taskDefinitionFamily(change.taskDefinitionArn(), "detail.taskDefinitionArn");
        Endpoint endpoint = endpoint(change, port);
        return new Registration(taskId, endpoint, service.track(), revision, cluster, service.serviceName(), family);
    }

    /** awsvpc tasks serve on their ENI's address; bridge and host tasks on the host port bound to the listener. */
    private Endpoint endpoint(TaskChange change, int containerPort) {
        if (change.eniAddress().isPresent()) {
            return new Endpoint(change.eniAddress().get(), containerPort);
        }
        if (change.bindings().isEmpty()) {
            throw new InvalidEventException("detail.attachments[].details.privateIPv4Address",
                    "missing: the task has neither an ENI address nor host port bindings");
        }
        PortBinding binding = change.bindings().stream()
                .filter(candidate -> candidate.containerPort() == containerPort)
                .findFirst()
                .orElseThrow(() -> new InvalidEventException("detail.containers[].networkBindings",
                        "no binding for the listener's container port " + containerPort));
        if (!binding.wildcard()) {
            return new Endpoint(binding.bindIp(), binding.hostPort());
        }
        String instance = change.containerInstanceArn().orElseThrow(() -> new InvalidEventException(
                "detail.containerInstanceArn", "is missing, so the host address of a bridge task is unknown"));
        return new Endpoint(tasks.hostAddress(change.clusterArn(), instance), binding.hostPort());
    }
}
