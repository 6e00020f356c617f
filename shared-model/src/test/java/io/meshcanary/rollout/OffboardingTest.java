package io.meshcanary.rollout;

import static io.meshcanary.testing.RolloutFakes.APP;
import static io.meshcanary.testing.RolloutFakes.CLUSTER;
import static io.meshcanary.testing.RolloutFakes.PRIMARY_SERVICE;
import static io.meshcanary.testing.RolloutFakes.TASK_DEFINITION_7;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshcanary.model.Track;
import io.meshcanary.testing.RolloutFakes;
import io.meshcanary.testing.SampleSpecs;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Offboarding: the user's service takes its traffic back and the twin goes. */
class OffboardingTest extends WorkflowScenario {

    @Test
    void offboardingGivesTheServiceBackThenRemovesTheTwinAndIsResumable() {
        RolloutFakes onboarded = RolloutFakes.ordersNewlyOnboarded();
        onboarded.router().givenTeamTargets(APP, TEAM);
        RolloutSteps steps = onboarded.steps();
        bootstrapped(onboarded, steps);
        RolloutContext offboarding = context("offboard-1", SampleSpecs.orders());

        Instant since = steps.offboard(offboarding).orElseThrow();

        assertThat(onboarded.store().record(SERVICE).phase()).isEqualTo(Phase.OFFBOARDING);
        assertThat(onboarded.ecs().service(CLUSTER, APP).taskDefinition()).isEqualTo(TASK_DEFINITION_7);
        assertThat(onboarded.ecs().service(CLUSTER, APP).desiredCount()).isEqualTo(2);
        assertThat(onboarded.scaling().calls()).endsWith("release shop/orders");
        assertThat(onboarded.router().teamTargets(APP)).as("traffic before the service serves").isEmpty();
        onboarded.tasksRunning(Track.CANARY, "7", 2);
        assertThat(steps.capacityReady(offboarding, Track.CANARY, since)).isTrue();
        steps.offboarded(offboarding);
        steps.offboarded(offboarding);

        assertThat(onboarded.router().teamTargets(APP)).containsExactly(TEAM);
        assertThat(onboarded.router().tracksRemoved(APP)).isTrue();
        assertThat(onboarded.ecs().describe(CLUSTER, PRIMARY_SERVICE)).isEmpty();
        assertThat(onboarded.scaling().calls()).endsWith("remove shop/orders-primary");
        assertThat(onboarded.store().record(SERVICE).phase()).isEqualTo(Phase.OFFBOARDED);
        assertThat(steps.offboard(context("offboard-2", SampleSpecs.orders()))).as("offboarded already").isEmpty();
    }

    @Test
    void offboardingDuringARolloutIsRefusedAndChangesNothing() {
        RolloutContext rollout = context(EXECUTION, SampleSpecs.orders());
        steps.initialize(rollout, DEPLOYMENT, SampleSpecs.orders());
        RolloutFakes.Footprint before = fakes.footprint();

        assertThatThrownBy(() -> steps.offboard(context("offboard-1", SampleSpecs.orders())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("has a rollout in phase INITIALIZING");
        assertThat(fakes.footprint()).isEqualTo(before);
    }
}
