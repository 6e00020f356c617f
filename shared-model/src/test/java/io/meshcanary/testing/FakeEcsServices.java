package io.meshcanary.testing;

import io.meshcanary.model.EcsArns;
import io.meshcanary.model.Track;
import io.meshcanary.model.TrackedService;
import io.meshcanary.port.EcsServices;
import io.meshcanary.rollout.ServiceState;
import io.meshcanary.rollout.TwinAttachment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ECS services in memory, keyed by cluster and service name. Records each change as one line, e.g.
 * {@code scale shop/orders 0}, so that a test reads what meshcanary asked ECS to do.
 */
public final class FakeEcsServices implements EcsServices {

    private final Map<String, ServiceState> services = new HashMap<>();
    private final List<String> calls = new ArrayList<>();

    /** A service that exists before the test acts, running {@code desiredCount} tasks. */
    public FakeEcsServices given(String cluster, String service, String taskDefinition, int desiredCount) {
        return given(cluster, service, taskDefinition, desiredCount, List.of());
    }

    @Override
    public Optional<ServiceState> describe(String cluster, String service) {
        return Optional.ofNullable(services.get(key(cluster, service)));
    }

    /** A service attached to target groups, as one behind a load balancer or VPC Lattice is. */
    public FakeEcsServices given(String cluster, String service, String taskDefinition, int desiredCount,
            List<String> targetGroups) {
        services.put(key(cluster, service),
                new ServiceState(service, taskDefinition, desiredCount, desiredCount, "ACTIVE", targetGroups));
        return this;
    }

    /** Every service here can have a twin: what cannot is the ECS adapter's to find (EcsServiceControlTwinTest). */
    @Override
    public void requireTwinnable(String cluster, String app) {
    }

    @Override
    public void createPrimaryTwin(String cluster, String app, String taskDefinition, TwinAttachment attachment) {
        ServiceState canary = service(cluster, app);
        String twin = new TrackedService(app, Track.PRIMARY).serviceName();
        if (services.containsKey(key(cluster, twin))) {
            throw new IllegalStateException("ECS cluster %s already has a service %s".formatted(cluster, twin));
        }
        List<String> targetGroups = attachment instanceof TwinAttachment.TargetGroups groups
                ? List.of(groups.primaryTargetGroup()) : List.of();
        calls.add("createPrimaryTwin %s/%s %s".formatted(cluster, app, taskDefinition)
                + targetGroups.stream().map(" on "::concat).findFirst().orElse(""));
        services.put(key(cluster, twin),
                new ServiceState(twin, taskDefinition, canary.desiredCount(), 0, "ACTIVE", targetGroups));
    }

    @Override
    public void attachPrimaryTwin(String cluster, String app, TwinAttachment attachment) {
        String twin = new TrackedService(app, Track.PRIMARY).serviceName();
        ServiceState state = service(cluster, twin);
        String group = ((TwinAttachment.TargetGroups) attachment).primaryTargetGroup();
        calls.add("attachPrimaryTwin %s/%s on %s".formatted(cluster, app, group));
        services.put(key(cluster, twin), new ServiceState(twin, state.taskDefinition(), state.desiredCount(),
                state.runningCount(), state.status(), List.of(group)));
    }

    @Override
    public void createBaseline(String cluster, String app, String taskDefinition, int desiredCount,
            TwinAttachment.TargetGroups attachment) {
        String baseline = TrackedService.baselineOf(app);
        if (services.containsKey(key(cluster, baseline))) {
            throw new IllegalStateException("ECS cluster %s already has a service %s".formatted(cluster, baseline));
        }
        calls.add("createBaseline %s/%s %s %d on %s".formatted(cluster, app, taskDefinition, desiredCount,
                attachment.primaryTargetGroup()));
        services.put(key(cluster, baseline), new ServiceState(baseline, taskDefinition, desiredCount, 0, "ACTIVE",
                List.of(attachment.primaryTargetGroup())));
    }

    @Override
    public void deploy(String cluster, String service, String taskDefinition) {
        ServiceState state = service(cluster, service);
        calls.add("deploy %s/%s %s".formatted(cluster, service, taskDefinition));
        services.put(key(cluster, service), new ServiceState(service, taskDefinition, state.desiredCount(),
                state.runningCount(), state.status(), state.targetGroups()));
    }

    @Override
    public void scale(String cluster, String service, int desiredCount) {
        ServiceState state = service(cluster, service);
        calls.add("scale %s/%s %d".formatted(cluster, service, desiredCount));
        services.put(key(cluster, service), new ServiceState(service, state.taskDefinition(), desiredCount,
                state.runningCount(), state.status(), state.targetGroups()));
    }

    /** ECS converges at once here: the service runs its desired count of its task definition. */
    /** The revision of each task the service runs: its desired count, all of its task definition. */
    public List<String> runningRevisions(String cluster, String service) {
        return describe(cluster, service)
                .map(state -> Collections.nCopies(state.desiredCount(),
                        EcsArns.taskDefinitionRevision(state.taskDefinition(), "taskDefinition")))
                .orElse(List.of());
    }

    @Override
    public void delete(String cluster, String service) {
        if (services.remove(key(cluster, service)) != null) {
            calls.add("delete %s/%s".formatted(cluster, service));
        }
    }

    /** The team deletes a service behind meshcanary's back. */
    public void deletedByHand(String cluster, String service) {
        services.remove(key(cluster, service));
    }

    /** The service now; fails the test if ECS has no such service. */
    public ServiceState service(String cluster, String service) {
        return describe(cluster, service).orElseThrow(
                () -> new IllegalStateException("ECS cluster %s has no service %s".formatted(cluster, service)));
    }

    /** Every change asked of ECS, in order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    private static String key(String cluster, String service) {
        return cluster + "/" + service;
    }
}
