package io.meshcanary.aws;

import io.meshcanary.nativemode.NativeService;
import io.meshcanary.nativemode.PauseHook;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AdvancedConfiguration;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHook;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * A native service's deployment as ECS runs it, and meshcanary's pause hook in its
 * {@code deploymentConfiguration.lifecycleHooks}, beside the team's own hooks and settings, which it never changes.
 */
public final class EcsPauseHooks {

    private static final Document MARKER = Document.mapBuilder()
            .putString(PauseHook.MARKER_KEY, PauseHook.MARKER_VALUE).build();

    private final EcsClient ecs;

    public EcsPauseHooks(EcsClient ecs) {
        this.ecs = ecs;
    }

    /** The service as the native mode sees it; empty when it does not exist or is being deleted. */
    public Optional<NativeService> read(String cluster, String service) {
        return find(cluster, service).map(EcsPauseHooks::nativeService);
    }

    /**
     * Puts meshcanary's hook on the service, or brings the one there up to date; writes only when something changes.
     * ECS reads the hooks when a deployment starts, so the next deployment pauses and the one under way does not.
     */
    public void install(String cluster, String service, PauseHook hook) {
        DeploymentConfiguration configuration = configuration(cluster, service);
        List<DeploymentLifecycleHook> hooks = teamHooks(configuration);
        hooks.add(DeploymentLifecycleHook.builder().targetType(PauseHook.TARGET_TYPE)
                .lifecycleStagesWithStrings(PauseHook.STAGES).hookDetails(MARKER)
                .timeoutConfiguration(timeout -> timeout.timeoutInMinutes(hook.timeoutMinutes())
                        .action(PauseHook.TIMEOUT_ACTION))
                .build());
        write(cluster, service, configuration, hooks);
    }

    /** Takes meshcanary's hook off the service; the team's hooks stay. */
    public void remove(String cluster, String service) {
        DeploymentConfiguration configuration = configuration(cluster, service);
        write(cluster, service, configuration, teamHooks(configuration));
    }

    /** Whether the service carries meshcanary's hook, for a check that onboarding did its part. */
    public static boolean isMeshcanarys(DeploymentLifecycleHook hook) {
        return MARKER.equals(hook.hookDetails());
    }

    private void write(String cluster, String service, DeploymentConfiguration configuration,
            List<DeploymentLifecycleHook> hooks) {
        if (hooks.equals(configuration.lifecycleHooks())) {
            return;
        }
        // The whole configuration goes back, so that its strategy, alarms, circuit breaker and bake times stay.
        ecs.updateService(request -> request.cluster(cluster).service(service)
                .deploymentConfiguration(configuration.toBuilder().lifecycleHooks(hooks).build()));
    }

    private DeploymentConfiguration configuration(String cluster, String service) {
        Service found = find(cluster, service).orElseThrow(() -> new IllegalArgumentException(
                "service %s does not exist in cluster %s".formatted(service, cluster)));
        return Optional.ofNullable(found.deploymentConfiguration()).orElseGet(
                () -> DeploymentConfiguration.builder().build());
    }

    private static List<DeploymentLifecycleHook> teamHooks(DeploymentConfiguration configuration) {
        List<DeploymentLifecycleHook> hooks = new ArrayList<>(configuration.lifecycleHooks());
        hooks.removeIf(EcsPauseHooks::isMeshcanarys);
        return hooks;
    }

    private Optional<Service> find(String cluster, String service) {
        return ecs.describeServices(request -> request.cluster(cluster).services(service)).services().stream()
                .filter(found -> !"INACTIVE".equals(found.status())).findFirst();
    }

    private static NativeService nativeService(Service service) {
        DeploymentConfiguration configuration = Optional.ofNullable(service.deploymentConfiguration())
                .orElseGet(() -> DeploymentConfiguration.builder().build());
        String controller = service.deploymentController() == null ? NativeService.ECS_CONTROLLER
                : service.deploymentController().typeAsString();
        String strategy = configuration.strategyAsString() == null ? NativeService.ROLLING
                : configuration.strategyAsString();
        OptionalDouble step = configuration.linearConfiguration() == null
                || configuration.linearConfiguration().stepPercent() == null ? OptionalDouble.empty()
                : OptionalDouble.of(configuration.linearConfiguration().stepPercent());
        OptionalDouble canary = configuration.canaryConfiguration() == null
                || configuration.canaryConfiguration().canaryPercent() == null ? OptionalDouble.empty()
                : OptionalDouble.of(configuration.canaryConfiguration().canaryPercent());
        List<String> paths = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        for (int i = 0; i < service.loadBalancers().size(); i++) {
            LoadBalancer balancer = service.loadBalancers().get(i);
            paths.add("load balancer " + balancer.targetGroupArn());
            gaps.addAll(advancedGaps(i, balancer.advancedConfiguration()));
        }
        EcsServiceControl.primaryDeployment(service).map(Deployment::serviceConnectConfiguration)
                .filter(connect -> Boolean.TRUE.equals(connect.enabled()))
                .ifPresent(connect -> paths.add(NativeService.SERVICE_CONNECT));
        EcsServiceControl.latticeConfigurations(service)
                .forEach(lattice -> paths.add("VPC Lattice " + lattice.targetGroupArn()));
        return new NativeService(service.serviceName(), controller, strategy, step, canary, paths, gaps,
                sharedPauses(configuration));
    }

    /** The team's PAUSE hooks at a stage meshcanary's hook stops at, each by its place among the service's hooks. */
    private static List<String> sharedPauses(DeploymentConfiguration configuration) {
        List<String> shared = new ArrayList<>();
        List<DeploymentLifecycleHook> hooks = configuration.lifecycleHooks();
        for (int i = 0; i < hooks.size(); i++) {
            DeploymentLifecycleHook hook = hooks.get(i);
            List<String> stages = hook.lifecycleStagesAsStrings().stream().filter(PauseHook.STAGES::contains).toList();
            if (PauseHook.TARGET_TYPE.equals(hook.targetTypeAsString()) && !isMeshcanarys(hook) && !stages.isEmpty()) {
                shared.add("deploymentConfiguration.lifecycleHooks[%d] (%s)".formatted(i, String.join(", ", stages)));
            }
        }
        return shared;
    }

    /**
     * Each load balancer of a blue/green, linear or canary deployment needs an alternate target group for the new
     * revision, the production listener rule (ALB) or listener (NLB) whose weights ECS moves, and a role that lets ECS
     * move them (developer guide, "Required resources for Amazon ECS blue/green deployments").
     */
    private static List<String> advancedGaps(int index, AdvancedConfiguration advanced) {
        String field = "loadBalancers[%d].advancedConfiguration".formatted(index);
        if (advanced == null) {
            return List.of(field + " (alternateTargetGroupArn, productionListenerRule, roleArn) is missing");
        }
        List<String> gaps = new ArrayList<>();
        if (advanced.alternateTargetGroupArn() == null) {
            gaps.add(field + ".alternateTargetGroupArn is missing");
        }
        if (advanced.productionListenerRule() == null) {
            gaps.add(field + ".productionListenerRule is missing");
        }
        if (advanced.roleArn() == null) {
            gaps.add(field + ".roleArn is missing");
        }
        return gaps;
    }
}
