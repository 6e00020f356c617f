package io.meshcanary.resync;

import io.meshcanary.model.Track;
import io.meshcanary.model.TrackedService;
import io.meshcanary.port.EcsServices;
import io.meshcanary.port.TaskRegistries;
import io.meshcanary.registry.Registration;
import io.meshcanary.registry.TaskRegistry;
import io.meshcanary.rollout.Phase;
import io.meshcanary.rollout.Rollout;
import io.meshcanary.rollout.ServiceState;
import io.meshcanary.spec.CanarySpec;
import io.meshcanary.spec.InvalidSpecException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A service with a rollout record but no spec. While its twin runs, the twin may carry all of the app's traffic: a
 * spec deleted by mistake, or replaced by IaC, must not take the app down, so this is only reported as
 * {@link DriftKind#SPEC_MISSING}, and the explicit offboarding is what removes the twin. Once the twin is gone, what
 * meshcanary created for it is removed: its registrations, then its per-track virtual nodes. The service's last
 * rollout record says where they are, since its spec is gone. Behind ALB or VPC Lattice the primary twin's target
 * group is left for the team to delete with the twin.
 */
public final class OrphanCheck {

    private static final String ACTIVE = "ACTIVE";

    private final TaskRegistries registries;
    private final EcsServices services;

    public OrphanCheck(TaskRegistries registries, EcsServices services) {
        this.registries = registries;
        this.services = services;
    }

    List<Drift> check(Rollout record, boolean dryRun) {
        // Offboarding removed what meshcanary made; the team's own tasks, registered or not, are the team's.
        if (record.phase() == Phase.OFFBOARDED) {
            return List.of();
        }
        String twin = new TrackedService(record.app(), Track.PRIMARY).serviceName();
        Optional<ServiceState> live = services.describe(record.cluster(), twin)
                .filter(state -> ACTIVE.equals(state.status()));
        if (live.isPresent()) {
            return List.of(new Drift(DriftKind.SPEC_MISSING, record.service(),
                    "%s has no canary spec, but its twin %s runs %d task(s) and its route may send it traffic"
                            .formatted(record.service(), twin, live.get().runningCount()),
                    "none: restore the spec, or offboard the service explicitly", false));
        }
        return orphans(record, dryRun);
    }

    private List<Drift> orphans(Rollout record, boolean dryRun) {
        // Only a router that reaches the tasks through registrations leaves registrations and nodes of meshcanary's.
        Optional<TaskRegistry> found = registries.registry(CanarySpec.parse(record.spec()).router());
        if (found.isEmpty()) {
            return List.of();
        }
        TaskRegistry registry = found.get();
        List<Drift> drifts = new ArrayList<>();
        for (Registration orphan : registrations(record, registry)) {
            if (!dryRun) {
                registry.deregister(orphan.instanceId());
            }
            drifts.add(new Drift(DriftKind.ORPHAN_REGISTRATION, record.service(),
                    "instance %s of %s is registered but the service is no longer onboarded".formatted(
                            orphan.instanceId(), orphan.service()),
                    "deregister it", !dryRun));
        }
        for (String node : registry.virtualNodesOf(record.app())) {
            if (!dryRun) {
                registry.deleteVirtualNode(node);
            }
            drifts.add(new Drift(DriftKind.ORPHAN_VIRTUAL_NODE, record.service(),
                    "virtual node %s exists but the service is no longer onboarded".formatted(registry.describe(node)),
                    "delete it", !dryRun));
        }
        return drifts;
    }

    private static List<Registration> registrations(Rollout record, TaskRegistry registry) {
        try {
            return registry.registrationsOf(record.cluster(), record.app());
        } catch (InvalidSpecException e) {
            // The Cloud Map service went with the app: nothing can be registered in it.
            return List.of();
        }
    }
}
