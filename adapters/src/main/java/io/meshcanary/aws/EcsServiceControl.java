package io.meshcanary.aws;

import io.meshcanary.model.Track;
import io.meshcanary.model.TrackedService;
import io.meshcanary.port.EcsServices;
import io.meshcanary.rollout.ServiceState;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.Service;

/** The app's two ECS services: the user's own (canary) and the primary twin meshcanary creates and owns. */
public final class EcsServiceControl implements EcsServices {

    static final String MANAGED_TAG = "meshcanary:managed-by";

    private final EcsClient ecs;

    public EcsServiceControl(EcsClient ecs) {
        this.ecs = ecs;
    }

    @Override
    public Optional<ServiceState> describe(String cluster, String service) {
        return find(cluster, service).map(found -> new ServiceState(found.serviceName(), found.taskDefinition(),
                found.desiredCount(), found.runningCount(), found.status()));
    }

    /**
     * Copies what decides where and how the tasks run; service registries are left out because meshcanary
     * registers the twin's tasks itself, per track.
     */
    @Override
    public void createPrimaryTwin(String cluster, String app, String taskDefinition) {
        Service canary = find(cluster, app).orElseThrow(() -> new IllegalStateException(
                "ECS cluster %s has no service %s to copy".formatted(cluster, app)));
        String twin = new TrackedService(app, Track.PRIMARY).serviceName();
        CreateServiceRequest.Builder create = CreateServiceRequest.builder()
                .cluster(cluster)
                .serviceName(twin)
                .taskDefinition(taskDefinition)
                .desiredCount(Math.max(1, canary.desiredCount()))
                .clientToken(twin)
                .networkConfiguration(canary.networkConfiguration())
                .placementConstraints(canary.placementConstraints())
                .placementStrategy(canary.placementStrategy())
                .deploymentConfiguration(canary.deploymentConfiguration())
                .enableExecuteCommand(canary.enableExecuteCommand())
                .tags(tag -> tag.key(MANAGED_TAG).value("meshcanary"));
        if (canary.hasCapacityProviderStrategy() && !canary.capacityProviderStrategy().isEmpty()) {
            create.capacityProviderStrategy(canary.capacityProviderStrategy());
        } else {
            create.launchType(canary.launchType()).platformVersion(canary.platformVersion());
        }
        ecs.createService(create.build());
    }

    @Override
    public void deploy(String cluster, String service, String taskDefinition) {
        ecs.updateService(request -> request.cluster(cluster).service(service).taskDefinition(taskDefinition));
    }

    @Override
    public void scale(String cluster, String service, int desiredCount) {
        ecs.updateService(request -> request.cluster(cluster).service(service).desiredCount(desiredCount));
    }

    private Optional<Service> find(String cluster, String service) {
        return ecs.describeServices(request -> request.cluster(cluster).services(service)).services().stream()
                .filter(found -> !"INACTIVE".equals(found.status()))
                .findFirst();
    }
}
