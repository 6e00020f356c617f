package io.meshcanary.rollout;

import static io.meshcanary.testing.RolloutFakes.APP;
import static io.meshcanary.testing.RolloutFakes.CLUSTER;
import static io.meshcanary.testing.RolloutFakes.PRIMARY_SERVICE;
import static io.meshcanary.testing.RolloutFakes.TASK_DEFINITION_6;
import static io.meshcanary.testing.RolloutFakes.TASK_DEFINITION_7;
import static io.meshcanary.testing.RolloutFakes.TASK_DEFINITION_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.meshcanary.model.Track;
import io.meshcanary.spec.CanarySpec;
import io.meshcanary.testing.FakeWorkflows;
import io.meshcanary.testing.RolloutFakes;
import io.meshcanary.testing.SampleSpecs;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Initialize: the bootstrap that adopts the route and creates the twin, and a release that supersedes an older one.
 */
class OnboardingTest extends WorkflowScenario {

    @Test
    void bootstrapCreatesTheTwinAdoptsTheRouteAndRunsNoAnalysis() {
        RolloutFakes onboarded = RolloutFakes.ordersNewlyOnboarded();
        onboarded.router().givenTeamTargets(APP, TEAM);
        RolloutSteps bootstrap = onboarded.steps();
        RolloutContext context = context(EXECUTION, SampleSpecs.orders());

        Plan plan = bootstrap.initialize(context, DEPLOYMENT, SampleSpecs.orders());

        assertThat(plan.bootstrap()).isTrue();
        assertThat(onboarded.ecs().calls()).containsExactly("createPrimaryTwin shop/orders " + TASK_DEFINITION_7);
        assertThat(onboarded.ecs().service(CLUSTER, PRIMARY_SERVICE).taskDefinition()).isEqualTo(TASK_DEFINITION_7);
        assertThat(onboarded.ecs().service(CLUSTER, PRIMARY_SERVICE).desiredCount()).as("twin's capacity").isEqualTo(2);
        assertThat(onboarded.router().reconciled()).containsExactly(APP);
        assertThat(onboarded.router().applied(APP)).as("weights before the twin serves").isEmpty();
        assertThat(onboarded.store().record(SERVICE).bootstrap()).isTrue();
        assertThat(onboarded.store().record(SERVICE).teamTargets()).containsExactly(TEAM);

        // The workflow goes straight to waiting for the twin, then finishes.
        Instant since = onboarded.clock().instant();
        assertThat(bootstrap.capacityReady(context, Track.PRIMARY, since)).isFalse();
        onboarded.tasksRunning(Track.PRIMARY, "7", 2);
        onboarded.clock().advanceSeconds(45);
        assertThat(bootstrap.capacityReady(context, Track.PRIMARY, since)).isTrue();
        bootstrap.finish(context);

        Rollout done = onboarded.store().record(SERVICE);
        assertThat(done.phase()).isEqualTo(Phase.SUCCEEDED);
        assertThat(done.history()).last().extracting(HistoryEntry::note).isEqualTo("bootstrapped");
        assertThat(done.teamTargets()).as("kept for offboarding").containsExactly(TEAM);
        assertThat(onboarded.router().takenOver(APP)).containsExactly(TEAM);
        assertThat(onboarded.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
        assertThat(onboarded.router().canaryWeightsApplied(APP)).containsExactly(0);
        assertThat(onboarded.ecs().service(CLUSTER, APP).desiredCount()).as("user's service, now idle").isZero();
        assertThat(onboarded.scaling().calls()).containsExactly("copy shop/orders to orders-primary", "hold shop/orders");
        assertThat(onboarded.metrics().reads()).as("analysis reads").isZero();
        assertThat(onboarded.gates().asked()).isEmpty();
    }

    @Test
    void aBootstrapThatFailsOrIsAbortedLeavesTheTeamsTrafficWhereItIs() {
        RolloutFakes onboarded = RolloutFakes.ordersNewlyOnboarded();
        onboarded.router().givenTeamTargets(APP, new RouteTarget("orders", 100, null));
        RolloutSteps bootstrap = onboarded.steps();
        RolloutContext context = context(EXECUTION, SampleSpecs.orders());
        bootstrap.initialize(context, DEPLOYMENT, SampleSpecs.orders());

        bootstrap.abort(CLUSTER, APP, "operator");
        bootstrap.rollback(context, "twin never came up");

        assertThat(onboarded.router().applied(APP)).as("weights put on a twin that may not serve").isEmpty();
        assertThat(onboarded.store().record(SERVICE).phase()).isEqualTo(Phase.FAILED);
        RolloutContext next = context("shop-orders-2", SampleSpecs.orders());
        assertThat(bootstrap.initialize(next, "ecs-svc/2", SampleSpecs.orders()).bootstrap())
                .as("the next deployment bootstraps again").isTrue();
    }

    @Test
    void bootstrapAnnouncesNothing() {
        RolloutFakes onboarded = RolloutFakes.ordersNewlyOnboarded();
        RolloutSteps bootstrap = onboarded.steps();
        RolloutContext context = context(EXECUTION, SampleSpecs.orders());
        bootstrap.initialize(context, DEPLOYMENT, SampleSpecs.orders());
        onboarded.tasksRunning(Track.PRIMARY, "7", 2);
        bootstrap.finish(context);

        assertThat(onboarded.store().record(SERVICE).phase()).isEqualTo(Phase.SUCCEEDED);
        assertThat(onboarded.events().published()).isEmpty();
    }

    @Test
    void newDeploymentSupersedesTheActiveRollout() {
        RolloutContext older = canaryUp(SampleSpecs.orders());
        steps.setWeight(older, 0);
        analyzeAfterInterval(older);
        steps.setWeight(older, 1);
        fakes.ecs().given(CLUSTER, APP, TASK_DEFINITION_8, 1);
        RolloutContext newer = context(NEWER_EXECUTION, SampleSpecs.orders());

        Plan plan = steps.initialize(newer, NEWER_DEPLOYMENT, SampleSpecs.orders());

        assertThat(plan.bootstrap()).isFalse();
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
        assertThat(fakes.router().canaryWeightsApplied(APP)).containsExactly(10, 20, 0);
        Rollout superseded = fakes.store().writes().stream()
                .filter(write -> write.execution().equals(EXECUTION)).toList().getLast();
        assertThat(superseded.phase()).isEqualTo(Phase.SUPERSEDED);
        assertThat(superseded.reason()).isEqualTo("superseded by " + NEWER_EXECUTION);
        assertThat(fakes.workflows().stopped()).containsExactly(new FakeWorkflows.Failure(EXECUTION, "Superseded",
                "superseded by execution " + NEWER_EXECUTION));
        Rollout current = fakes.store().record(SERVICE);
        assertThat(current.execution()).isEqualTo(NEWER_EXECUTION);
        assertThat(current.deploymentId()).isEqualTo(NEWER_DEPLOYMENT);
        assertThat(current.phase()).isEqualTo(Phase.INITIALIZING);
        assertThat(current.canaryTaskDefinition()).isEqualTo(TASK_DEFINITION_8);
        assertThat(current.primaryTaskDefinition()).isEqualTo(TASK_DEFINITION_6);
        assertThat(current.version()).isEqualTo(1);
    }

    @Test
    void newerRolloutShiftsNoTrafficWhileTheCanaryTrackStillServesTheOlderRevision() {
        RolloutContext older = canaryUp(SampleSpecs.orders());
        steps.setWeight(older, 0);
        fakes.ecs().given(CLUSTER, APP, TASK_DEFINITION_8, 1);
        RolloutContext newer = context(NEWER_EXECUTION, SampleSpecs.orders());
        steps.initialize(newer, NEWER_DEPLOYMENT, SampleSpecs.orders());
        Instant since = steps.scaleCanary(newer);

        fakes.tasksRunning(Track.CANARY, "8", 1);
        assertThat(steps.capacityReady(newer, Track.CANARY, since)).as("revision 7's task still registered").isFalse();
        fakes.tasksStopped(Track.CANARY, "7");
        assertThat(steps.capacityReady(newer, Track.CANARY, since)).as("revision 8 alone").isTrue();
    }

    @Test
    void retriedInitializeStartsTheRolloutOnce() {
        RolloutContext context = context(EXECUTION, SampleSpecs.orders());
        Plan first = steps.initialize(context, DEPLOYMENT, SampleSpecs.orders());
        RolloutFakes.Footprint before = fakes.footprint();

        Plan retried = steps.initialize(context, DEPLOYMENT, SampleSpecs.orders());

        assertThat(retried).isEqualTo(first);
        assertThat(fakes.footprint()).isEqualTo(before);
        assertThat(fakes.store().record(SERVICE).version()).isEqualTo(1);
    }

    @Test
    void serviceEcsDoesNotKnowStartsNothing() {
        RolloutContext payments = new RolloutContext(CLUSTER, "payments", EXECUTION,
                CanarySpec.parse(SampleSpecs.orders()));
        RolloutFakes.Footprint before = fakes.footprint();

        InvalidInputException error = catchThrowableOfType(InvalidInputException.class,
                () -> steps.initialize(payments, DEPLOYMENT, SampleSpecs.orders()));

        assertThat(error.field()).isEqualTo("service");
        assertThat(error).hasMessageContaining("ECS cluster shop has no service payments");
        assertThat(fakes.footprint()).isEqualTo(before);
    }

    @Test
    void failedBootstrapLeavesTheUsersServiceRunning() {
        RolloutFakes onboarded = RolloutFakes.ordersNewlyOnboarded();
        RolloutSteps bootstrap = onboarded.steps();
        RolloutContext context = context(EXECUTION, SampleSpecs.orders());
        bootstrap.initialize(context, DEPLOYMENT, SampleSpecs.orders());
        Instant since = onboarded.clock().instant();
        onboarded.clock().advanceSeconds(901);
        RolloutFailedException late = catchThrowableOfType(RolloutFailedException.class,
                () -> bootstrap.capacityReady(context, Track.PRIMARY, since));

        bootstrap.rollback(context, "io.meshcanary.rollout.RolloutFailedException: " + late.getMessage());

        assertThat(onboarded.store().record(SERVICE).phase()).isEqualTo(Phase.FAILED);
        assertThat(onboarded.ecs().service(CLUSTER, APP).desiredCount())
                .as("the user's service is the only one with tasks").isEqualTo(2);
        assertThat(onboarded.ecs().calls()).doesNotContain("scale shop/orders 0");
    }

    @Test
    void planTellsTheWorkflowWhichGatesToAskAndHowLongToWait() {
        String gated = SampleSpecs.ordersWith(root -> {
            root.put("intervalSeconds", 8);
            SampleSpecs.at(root, "timeouts").put("gateSeconds", 900);
            SampleSpecs.at(root, "gates", "preRollout").put("type", "lambda").put("functionArn", GATE_FUNCTION);
            SampleSpecs.at(root, "gates", "preStep").put("type", "webhook").put("url", "https://gates.example.com");
            SampleSpecs.at(root, "gates", "prePromotion").put("type", "manual");
        });

        Plan plan = steps.initialize(context(EXECUTION, gated), DEPLOYMENT, gated);

        assertThat(plan).isEqualTo(new Plan(false, 8, 4, GateKind.AUTO, GateKind.AUTO, GateKind.MANUAL, 900));
    }
}
