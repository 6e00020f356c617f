package io.meshcanary.local.ecssim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Service;

/** Which services' deployments ECS runs itself, and so the stand-in rather than the simulator's rolling update. */
class NativeDeploymentsTest {

    @Test
    void aConfigurationOfPercentagesAloneIsARollingUpdate() {
        // As moto answers DescribeServices for a service created with percentages only: no strategy at all. ECS's
        // default is ROLLING (API Reference, DeploymentConfiguration.strategy).
        Service service = Service.builder().deploymentConfiguration(configuration -> configuration
                .minimumHealthyPercent(100).maximumPercent(200)).build();

        assertThat(NativeDeployments.runsDeploymentsOf(service)).isFalse();
    }

    @Test
    void aLinearStrategyUnderTheEcsControllerIsRunByEcs() {
        Service service = Service.builder().deploymentConfiguration(configuration -> configuration
                .strategy("LINEAR")).build();

        assertThat(NativeDeployments.runsDeploymentsOf(service)).isTrue();
        assertThat(NativeDeployments.runsDeploymentsOf(service.toBuilder()
                .deploymentController(controller -> controller.type("CODE_DEPLOY")).build())).isFalse();
    }

    @Test
    void noConfigurationIsARollingUpdate() {
        assertThat(NativeDeployments.runsDeploymentsOf(Service.builder().build())).isFalse();
    }
}
