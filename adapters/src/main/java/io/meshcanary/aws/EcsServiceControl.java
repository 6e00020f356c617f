package io.meshcanary.aws;

import io.meshcanary.model.Track;
import io.meshcanary.model.TrackedService;
import io.meshcanary.port.EcsServices;
import io.meshcanary.rollout.ServiceState;
import io.meshcanary.rollout.TwinAttachment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;
import software.amazon.awssdk.services.ecs.model.VpcLatticeConfiguration;

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
                found.desiredCount(), found.runningCount(), found.status(), targetGroups(found)));
    }

    /**
     * Copies what decides where and how the tasks run or are reached: network, placement, capacity, deployment
     * configuration (circuit breaker and alarms), health check grace period, tags and their propagation, ECS managed
     * tags, volume configurations and availability zone rebalancing. Service registries are left out because
     * meshcanary registers the twin's tasks itself, per track. Where the router weighs target groups, the twin is attached to
     * its own group the way the canary is attached to the user's: same container and port, or same port name and
     * role.
     */
    @Override
    public void createPrimaryTwin(String cluster, String app, String taskDefinition, TwinAttachment attachment) {
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
                .healthCheckGracePeriodSeconds(canary.healthCheckGracePeriodSeconds())
                .enableECSManagedTags(canary.enableECSManagedTags())
                .propagateTags(canary.propagateTags())
                .availabilityZoneRebalancing(canary.availabilityZoneRebalancing())
                .volumeConfigurations(primaryDeployment(canary).map(Deployment::volumeConfigurations)
                        .orElse(List.of()))
                .tags(tags(canary));
        if (canary.hasCapacityProviderStrategy() && !canary.capacityProviderStrategy().isEmpty()) {
            create.capacityProviderStrategy(canary.capacityProviderStrategy());
        } else {
            create.launchType(canary.launchType()).platformVersion(canary.platformVersion());
        }
        switch (attachment) {
            case TwinAttachment.LoadBalancer groups -> create.loadBalancers(twinLoadBalancers(canary, groups));
            case TwinAttachment.VpcLattice groups ->
                    create.vpcLatticeConfigurations(twinLatticeConfigurations(canary, groups));
            case TwinAttachment.Registered registered -> { }
        }
        ecs.createService(create.build());
    }

    /** UpdateService with the twin's attachment; ECS then deploys the twin again, its tasks in the new group. */
    @Override
    public void attachPrimaryTwin(String cluster, String app, TwinAttachment attachment) {
        Service canary = find(cluster, app).orElseThrow(() -> new IllegalStateException(
                "ECS cluster %s has no service %s to copy".formatted(cluster, app)));
        String twin = new TrackedService(app, Track.PRIMARY).serviceName();
        UpdateServiceRequest.Builder update = UpdateServiceRequest.builder().cluster(cluster).service(twin);
        switch (attachment) {
            case TwinAttachment.LoadBalancer groups -> update.loadBalancers(twinLoadBalancers(canary, groups));
            case TwinAttachment.VpcLattice groups ->
                    update.vpcLatticeConfigurations(twinLatticeConfigurations(canary, groups));
            case TwinAttachment.Registered registered -> {
                return;
            }
        }
        ecs.updateService(update.build());
    }

    /** The canary's attachment to the user's group, pointed at the twin's: same container and port. */
    private static List<LoadBalancer> twinLoadBalancers(Service canary, TwinAttachment.TargetGroups attachment) {
        return canary.loadBalancers().stream()
                .filter(balancer -> attachment.canaryTargetGroup().equals(balancer.targetGroupArn()))
                .map(balancer -> balancer.toBuilder().targetGroupArn(attachment.primaryTargetGroup()).build())
                .toList();
    }

    /** As {@link #twinLoadBalancers}: same port name and infrastructure role. */
    private static List<VpcLatticeConfiguration> twinLatticeConfigurations(Service canary,
            TwinAttachment.TargetGroups attachment) {
        return latticeConfigurations(canary).stream()
                .filter(lattice -> attachment.canaryTargetGroup().equals(lattice.targetGroupArn()))
                .map(lattice -> lattice.toBuilder().targetGroupArn(attachment.primaryTargetGroup()).build())
                .toList();
    }

    @Override
    public void deploy(String cluster, String service, String taskDefinition) {
        ecs.updateService(request -> request.cluster(cluster).service(service).taskDefinition(taskDefinition));
    }

    @Override
    public void scale(String cluster, String service, int desiredCount) {
        ecs.updateService(request -> request.cluster(cluster).service(service).desiredCount(desiredCount));
    }

    @Override
    public void delete(String cluster, String service) {
        if (find(cluster, service).isPresent()) {
            ecs.deleteService(request -> request.cluster(cluster).service(service).force(true));
        }
    }

    private static List<String> targetGroups(Service service) {
        List<String> groups = new ArrayList<>();
        service.loadBalancers().forEach(balancer -> groups.add(balancer.targetGroupArn()));
        latticeConfigurations(service).forEach(lattice -> groups.add(lattice.targetGroupArn()));
        return groups;
    }

    /** ECS keeps a service's VPC Lattice configurations on its deployments; the PRIMARY one is current. */
    private static List<VpcLatticeConfiguration> latticeConfigurations(Service service) {
        return primaryDeployment(service).map(Deployment::vpcLatticeConfigurations).orElse(List.of());
    }

    /** Also where ECS keeps the volume configurations. */
    private static Optional<Deployment> primaryDeployment(Service service) {
        return service.deployments().stream().filter(deployment -> "PRIMARY".equals(deployment.status()))
                .findFirst();
    }

    /** The team's tags (those AWS reserves, {@code aws:*}, are AWS's to set) and meshcanary's own. */
    private static List<Tag> tags(Service service) {
        List<Tag> tags = new ArrayList<>(service.tags().stream()
                .filter(tag -> !tag.key().startsWith("aws:") && !tag.key().equals(MANAGED_TAG)).toList());
        tags.add(Tag.builder().key(MANAGED_TAG).value("meshcanary").build());
        return tags;
    }

    private Optional<Service> find(String cluster, String service) {
        return ecs.describeServices(request -> request.cluster(cluster).services(service)
                        .include(ServiceField.TAGS)).services().stream()
                .filter(found -> !"INACTIVE".equals(found.status()))
                .findFirst();
    }
}
