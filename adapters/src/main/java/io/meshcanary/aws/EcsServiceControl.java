package io.meshcanary.aws;


import io.meshcanary.model.BoundedName;
import io.meshcanary.model.EcsArns;
import io.meshcanary.model.Track;
import io.meshcanary.model.TrackedService;
import io.meshcanary.rollout.InvalidInputException;
import io.meshcanary.port.EcsServices;
import io.meshcanary.rollout.ServiceState;
import io.meshcanary.rollout.TwinAttachment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;
import software.amazon.awssdk.services.ecs.model.VpcLatticeConfiguration;

/** The app's two ECS services: the user's own (canary) and the primary twin meshcanary creates and owns. */
public final class EcsServiceControl implements EcsServices {

    static final String MANAGED_TAG = "meshcanary:managed-by";
    /** ECS API reference, CreateService: clientToken is up to 36 ASCII characters. */
    private static final int MAX_CLIENT_TOKEN = 36;
    private static final int FULL_PERCENT = 100;
    /** ECS's default maximumPercent for a replica service: a whole new set of tasks next to the old. */
    private static final int ROOM_PERCENT = 200;

    private final EcsClient ecs;

    public EcsServiceControl(EcsClient ecs) {
        this.ecs = ecs;
    }

    @Override
    public Optional<ServiceState> describe(String cluster, String service) {
        return find(cluster, service).map(found -> new ServiceState(found.serviceName(), found.taskDefinition(),
                found.desiredCount(), found.runningCount(), found.status(), targetGroups(found)));
    }

    /** Refuses, naming the service's field, what {@link TwinRefusals} finds a twin cannot copy faithfully. */
    @Override
    public void requireTwinnable(String cluster, String app) {
        find(cluster, app).map(TwinRefusals::of).filter(reasons -> !reasons.isEmpty()).ifPresent(reasons -> {
            throw new InvalidInputException("service", "the twin mode cannot copy ECS service %s: %s"
                    .formatted(app, String.join("; ", reasons)));
        });
    }

    /**
     * Copies what decides where and how the tasks run or are reached: network, placement, capacity, deployment
     * configuration (circuit breaker and alarms), health check grace period, tags and their propagation, ECS managed
     * tags, availability zone rebalancing, and every other path to the service: its other load balancers and, where
     * the router weighs target groups, its service registries (behind App Mesh the node registry registers the
     * twin's tasks itself, per track). The twin is attached to its own group the way the canary is attached to the
     * user's: same container and port, or same port name and role.
     */
    @Override
    public void createPrimaryTwin(String cluster, String app, String taskDefinition, TwinAttachment attachment) {
        Service canary = canaryToCopy(cluster, app);
        String twin = new TrackedService(app, Track.PRIMARY).serviceName();
        CreateServiceRequest.Builder create = copyOf(canary, cluster, twin, taskDefinition,
                Math.max(1, canary.desiredCount())).clientToken(BoundedName.fit(twin, MAX_CLIENT_TOKEN))
                .loadBalancers(twinLoadBalancers(canary, attachment));
        switch (attachment) {
            case TwinAttachment.LoadBalancer groups -> create.serviceRegistries(canary.serviceRegistries());
            case TwinAttachment.VpcLattice groups -> create.serviceRegistries(canary.serviceRegistries())
                    .vpcLatticeConfigurations(twinLatticeConfigurations(canary, groups));
            case TwinAttachment.Registered registered -> { }
        }
        ecs.createService(create.build());
    }

    /**
     * As the twin, on the baseline's group alone: any other path would send it traffic the judge cannot weigh. No
     * client token: the baseline is made again for each judged rollout under the same name, and ECS answers a token it
     * saw before with the service it made then; the use case describes the service before it creates one.
     */
    @Override
    public void createBaseline(String cluster, String app, String taskDefinition, int desiredCount,
            TwinAttachment.TargetGroups attachment) {
        Service canary = canaryToCopy(cluster, app);
        CreateServiceRequest.Builder create = copyOf(canary, cluster, TrackedService.baselineOf(app), taskDefinition,
                desiredCount);
        switch (attachment) {
            case TwinAttachment.LoadBalancer groups -> create.loadBalancers(twinLoadBalancers(canary, groups).stream()
                    .filter(balancer -> groups.primaryTargetGroup().equals(balancer.targetGroupArn())).toList());
            case TwinAttachment.VpcLattice groups ->
                    create.vpcLatticeConfigurations(twinLatticeConfigurations(canary, groups));
        }
        ecs.createService(create.build());
    }

    private Service canaryToCopy(String cluster, String app) {
        return find(cluster, app).orElseThrow(() -> new IllegalStateException(
                "ECS cluster %s has no service %s to copy".formatted(cluster, app)));
    }

    /** What every service made from the app's own runs like: network, placement, capacity, deployment, tags. */
    private static CreateServiceRequest.Builder copyOf(Service canary, String cluster, String name,
            String taskDefinition, int desiredCount) {
        CreateServiceRequest.Builder create = CreateServiceRequest.builder()
                .cluster(cluster)
                .serviceName(name)
                .taskDefinition(taskDefinition)
                .desiredCount(desiredCount)
                .networkConfiguration(canary.networkConfiguration())
                .placementConstraints(canary.placementConstraints())
                .placementStrategy(canary.placementStrategy())
                .deploymentConfiguration(twinDeployment(canary.deploymentConfiguration()))
                .enableExecuteCommand(canary.enableExecuteCommand())
                .healthCheckGracePeriodSeconds(canary.healthCheckGracePeriodSeconds())
                .enableECSManagedTags(canary.enableECSManagedTags())
                .propagateTags(canary.propagateTags())
                .availabilityZoneRebalancing(canary.availabilityZoneRebalancing())
                .tags(tags(canary));
        if (canary.hasCapacityProviderStrategy() && !canary.capacityProviderStrategy().isEmpty()) {
            create.capacityProviderStrategy(canary.capacityProviderStrategy());
        } else {
            create.launchType(canary.launchType()).platformVersion(canary.platformVersion());
        }
        return create;
    }

    /**
     * The team's deployment configuration (circuit breaker, alarms), except that the twin keeps its old tasks until new
     * ones are healthy: it holds production weight while promotion replaces its tasks, and a team's minimum below 100
     * (to save cost) or new tasks that fail to start would leave that weight on a group with no healthy target. The
     * room above the desired count lets the new tasks start first.
     */
    private static DeploymentConfiguration twinDeployment(DeploymentConfiguration team) {
        DeploymentConfiguration.Builder twin = team == null ? DeploymentConfiguration.builder() : team.toBuilder();
        int teamMaximum = team == null || team.maximumPercent() == null ? 0 : team.maximumPercent();
        return twin.minimumHealthyPercent(FULL_PERCENT).maximumPercent(Math.max(teamMaximum, ROOM_PERCENT)).build();
    }

    /**
     * UpdateService with the twin's attachment, and the service registries a twin made behind App Mesh left to the
     * node registry; ECS then deploys the twin again, its tasks in the new group.
     */
    @Override
    public void attachPrimaryTwin(String cluster, String app, TwinAttachment attachment) {
        Service canary = canaryToCopy(cluster, app);
        String twin = new TrackedService(app, Track.PRIMARY).serviceName();
        UpdateServiceRequest.Builder update = UpdateServiceRequest.builder().cluster(cluster).service(twin)
                .serviceRegistries(canary.serviceRegistries());
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


    /**
     * The canary's load balancers, its attachment to the user's group pointed at the twin's (same container and port).
     * The others stay as they are: others reach the service through them, and while the team's service sits at zero
     * only the twin's tasks are there to serve them.
     */
    private static List<LoadBalancer> twinLoadBalancers(Service canary, TwinAttachment attachment) {
        if (!(attachment instanceof TwinAttachment.LoadBalancer groups)) {
            return canary.loadBalancers();
        }
        return canary.loadBalancers().stream()
                .map(balancer -> Objects.equals(balancer.targetGroupArn(), groups.canaryTargetGroup())
                        ? balancer.toBuilder().targetGroupArn(groups.primaryTargetGroup()).build() : balancer)
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

    /** A DRAINING service is deleted already: ECS refuses to change it again, and stops its tasks itself. */
    @Override
    public void delete(String cluster, String service) {
        if (find(cluster, service).filter(found -> "ACTIVE".equals(found.status())).isPresent()) {
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
    static List<VpcLatticeConfiguration> latticeConfigurations(Service service) {
        return primaryDeployment(service).map(Deployment::vpcLatticeConfigurations).orElse(List.of());
    }

    static Optional<Deployment> primaryDeployment(Service service) {
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
