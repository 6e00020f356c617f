package io.meshcanary.local.ecssim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DeploymentStrategy;

/** The production weights each of ECS's strategies moves green through (Developer Guide, per strategy). */
class DeploymentStagesTest {

    @Test
    void linearStepsByItsPercentAndEndsAtAHundred() {
        assertThat(DeploymentStages.grid(DeploymentConfiguration.builder().strategy(DeploymentStrategy.LINEAR)
                .linearConfiguration(linear -> linear.stepPercent(30.0)).build()))
                .containsExactly(30.0, 60.0, 90.0, 100.0);
        assertThat(DeploymentStages.grid(DeploymentConfiguration.builder().strategy(DeploymentStrategy.LINEAR)
                .linearConfiguration(linear -> linear.stepPercent(25.0)).build()))
                .containsExactly(25.0, 50.0, 75.0, 100.0);
    }

    @Test
    void canaryShiftsItsPercentThenTheRest() {
        assertThat(DeploymentStages.grid(DeploymentConfiguration.builder().strategy(DeploymentStrategy.CANARY)
                .canaryConfiguration(canary -> canary.canaryPercent(5.0)).build())).containsExactly(5.0, 100.0);
    }

    @Test
    void blueGreenShiftsEverythingAtOnce() {
        assertThat(DeploymentStages.grid(DeploymentConfiguration.builder().strategy(DeploymentStrategy.BLUE_GREEN)
                .build())).containsExactly(100.0);
    }
}
