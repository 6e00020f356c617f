package io.meshcanary.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.DeploymentStrategy;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * What in a team's service a twin cannot copy faithfully, so that the twin mode refuses it before anything is created
 * or moved. A twin that left out how others reach the service (Service Connect), or a deployment ECS runs itself,
 * would serve less than the team's service does once the team's service sits at zero.
 */
final class TwinRefusals {

    /** ECS's own deployments, which meshcanary's native mode drives; a twin would run them behind its back. */
    private static final Set<DeploymentStrategy> ECS_OWN_DEPLOYMENTS = Set.of(DeploymentStrategy.BLUE_GREEN,
            DeploymentStrategy.LINEAR, DeploymentStrategy.CANARY);
    private static final String NATIVE_MODE = "the native mode (\"mode\": \"native\"), which drives ECS's own "
            + "deployments, is the way for such a service (it is being built)";

    private TwinRefusals() {
    }

    /** Each reason, naming the service's field; empty when a twin can copy the service. */
    static List<String> of(Service service) {
        List<String> reasons = new ArrayList<>();
        if (service.deploymentController() != null
                && service.deploymentController().type() != DeploymentControllerType.ECS) {
            reasons.add("deploymentController %s: the twin mode needs ECS rolling deployments; %s"
                    .formatted(service.deploymentController().typeAsString(), NATIVE_MODE));
        }
        DeploymentConfiguration deployment = service.deploymentConfiguration();
        if (deployment != null && deployment.strategy() != null
                && ECS_OWN_DEPLOYMENTS.contains(deployment.strategy())) {
            reasons.add("deploymentConfiguration.strategy %s: %s".formatted(deployment.strategyAsString(),
                    NATIVE_MODE));
        }
        // Each role below would have to be passed again by the twin's CreateService (iam:PassRole), which the
        // stack is not granted for a team's roles.
        if (deployment != null && deployment.lifecycleHooks().stream().anyMatch(hook -> hook.roleArn() != null)) {
            reasons.add("deploymentConfiguration.lifecycleHooks pass a role (roleArn): " + NATIVE_MODE);
        }
        if (service.loadBalancers().stream().anyMatch(balancer -> balancer.advancedConfiguration() != null
                && balancer.advancedConfiguration().roleArn() != null)) {
            reasons.add("loadBalancers.advancedConfiguration passes a role (roleArn): " + NATIVE_MODE);
        }
        List<Deployment> primary = service.deployments().stream()
                .filter(current -> "PRIMARY".equals(current.status())).toList();
        if (primary.stream().flatMap(current -> current.volumeConfigurations().stream())
                .anyMatch(volume -> volume.managedEBSVolume() != null && volume.managedEBSVolume().roleArn() != null)) {
            reasons.add("volumeConfigurations.managedEBSVolume passes a role (roleArn) that the stack may not pass "
                    + "to a twin (iam:PassRole)");
        }
        if (primary.stream().anyMatch(current -> current.serviceConnectConfiguration() != null
                && Boolean.TRUE.equals(current.serviceConnectConfiguration().enabled()))) {
            reasons.add("serviceConnectConfiguration: Service Connect has no weights a twin could take its share "
                    + "by, and its clients would lose the service once it sits at zero; " + NATIVE_MODE);
        }
        return reasons;
    }
}
