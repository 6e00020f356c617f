package io.meshcanary.rollout;

import static io.meshcanary.testing.RolloutFakes.APP;
import static io.meshcanary.testing.RolloutFakes.CLUSTER;
import static io.meshcanary.testing.RolloutFakes.PRIMARY_SERVICE;
import static io.meshcanary.testing.RolloutFakes.START;
import static io.meshcanary.testing.RolloutFakes.TASK_DEFINITION_6;
import static io.meshcanary.testing.RolloutFakes.TASK_DEFINITION_7;
import static io.meshcanary.testing.RolloutFakes.TASK_DEFINITION_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.meshcanary.model.Track;
import io.meshcanary.spec.CanarySpec;
import io.meshcanary.testing.RolloutFakes;
import io.meshcanary.testing.SampleSpecs;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A deployment ECS declares failed, and every abort during promotion. {@code orders} was released before (its twin
 * runs revision 6) and the user deployed revision 7, whose rollout this test drives.
 */
class DeploymentGuardTest {

    private static final String DEPLOYMENT = "ecs-svc/4719802350938163742";
    private static final String EXECUTION = "shop-orders-4719802350938163742";
    private static final String NEWER_EXECUTION = "shop-orders-5820913461049274853";
    private static final String SERVICE = "shop/orders";
    private static final String CANARY_ARN = "arn:aws:ecs:us-east-1:123456789012:service/shop/orders";
    private static final String PRIMARY_ARN = "arn:aws:ecs:us-east-1:123456789012:service/shop/orders-primary";
    private static final String BREAKER = "ECS deployment circuit breaker: tasks failed to start.";

    private final RolloutFakes fakes = RolloutFakes.ordersReleasedBefore();
    private final RolloutSteps steps = fakes.steps();
    private final DeploymentGuard guard = fakes.deploymentGuard();
    private final RolloutContext context = new RolloutContext(CLUSTER, APP, EXECUTION,
            CanarySpec.parse(SampleSpecs.orders()));

    @BeforeEach
    void canaryIsHealthy() {
        fakes.metrics().datapoints("error-rate", 0.2, 0.1, 0.3);
    }

    @Test
    void failedCanaryDeploymentSendsTrafficToThePrimaryAndTheWorkflowRollsBack() {
        fakes.canaryAtTenPercent(DEPLOYMENT, EXECUTION);

        DeploymentOutcome outcome = guard.onDeploymentFailed(CANARY_ARN, DEPLOYMENT, BREAKER, now());

        assertThat(outcome).isEqualTo(new DeploymentOutcome(DeploymentOutcome.ABORTED, APP, EXECUTION));
        assertThat(fakes.router().weights(APP)).as("at once").isEqualTo(Weights.ALL_PRIMARY);
        Rollout aborted = fakes.store().record(SERVICE);
        assertThat(aborted.phase()).isEqualTo(Phase.ABORTED);
        assertThat(aborted.reason()).isEqualTo("ECS deployment %s of orders failed: %s".formatted(DEPLOYMENT, BREAKER));
        assertThat(guard.onDeploymentFailed(CANARY_ARN, DEPLOYMENT, BREAKER, now()).action())
                .as("a duplicate").isEqualTo(DeploymentOutcome.ALREADY_ABORTED);
        assertThat(fakes.ecs().service(CLUSTER, PRIMARY_SERVICE).taskDefinition()).isEqualTo(TASK_DEFINITION_6);
    }

    @Test
    void failuresOfOtherDeploymentsChangeNothing() {
        fakes.canaryAtTenPercent(DEPLOYMENT, EXECUTION);
        RolloutFakes.Footprint before = fakes.footprint();

        assertThat(guard.onDeploymentFailed(CANARY_ARN, "ecs-svc/1111", BREAKER, now()).action())
                .as("an older deployment of the canary").isEqualTo(DeploymentOutcome.IGNORED_OTHER_DEPLOYMENT);
        assertThat(guard.onDeploymentFailed(CANARY_ARN, DEPLOYMENT, BREAKER, START.minusSeconds(60)).action())
                .as("sent before the rollout started").isEqualTo(DeploymentOutcome.IGNORED_OTHER_DEPLOYMENT);
        assertThat(guard.onDeploymentFailed(PRIMARY_ARN, "ecs-svc/2222", BREAKER, now()).action())
                .as("the primary, not promoting").isEqualTo(DeploymentOutcome.IGNORED_OTHER_DEPLOYMENT);
        assertThat(guard.onDeploymentFailed("arn:aws:ecs:us-east-1:123456789012:service/shop/payments",
                "ecs-svc/3333", BREAKER, now()).action()).isEqualTo(DeploymentOutcome.IGNORED_NO_ROLLOUT);
        assertThat(fakes.footprint()).isEqualTo(before);
    }

    @Test
    void failedPrimaryDeploymentDuringPromotionPutsThePrimaryBackAndEndsFailed() {
        promoting();

        DeploymentOutcome outcome = guard.onDeploymentFailed(PRIMARY_ARN, "ecs-svc/2222", BREAKER, now());

        assertThat(outcome.action()).isEqualTo(DeploymentOutcome.ABORTED);
        assertThat(fakes.ecs().service(CLUSTER, PRIMARY_SERVICE).taskDefinition()).as("in the same call")
                .isEqualTo(TASK_DEFINITION_6);
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
        rollsBackFromThePrimaryWait();
    }

    @Test
    void alarmDuringPromotionPutsThePrimaryBackInItsOwnCallAndTheWaitEndsAtOnce() {
        promoting();

        fakes.alarmGuard().onAlarmStateChange("orders-5xx", "ALARM", "Threshold Crossed");

        assertThat(fakes.ecs().service(CLUSTER, PRIMARY_SERVICE).taskDefinition()).isEqualTo(TASK_DEFINITION_6);
        assertThat(fakes.store().record(SERVICE).weights()).isEqualTo(Weights.ALL_PRIMARY);
        rollsBackFromThePrimaryWait();
    }

    @Test
    void operatorAbortDuringPromotionPutsThePrimaryBack() {
        promoting();

        steps.abort(CLUSTER, APP, "stop it");

        assertThat(fakes.ecs().service(CLUSTER, PRIMARY_SERVICE).taskDefinition()).isEqualTo(TASK_DEFINITION_6);
        rollsBackFromThePrimaryWait();
    }

    @Test
    void waitForCanaryCapacityGoesToTheRollbackOnceAborted() {
        steps.initialize(context, DEPLOYMENT, SampleSpecs.orders());
        Instant since = steps.scaleCanary(context);
        steps.abort(CLUSTER, APP, "not today");

        assertThatThrownBy(() -> steps.capacityReady(context, Track.CANARY, since))
                .isInstanceOf(RolloutFailedException.class).hasMessage("aborted by an operator: not today");
        assertThatThrownBy(() -> steps.scaleCanary(context)).isInstanceOf(RolloutFailedException.class);
        assertThatThrownBy(() -> steps.promote(context)).isInstanceOf(RolloutFailedException.class);
    }

    @Test
    void abortBeforeAManualGateLeavesNothingWaitingAtIt() {
        fakes.canaryAtTenPercent(DEPLOYMENT, EXECUTION);
        steps.abort(CLUSTER, APP, "not today");

        assertThatThrownBy(() -> steps.awaitApproval(context, GateStage.PRE_STEP, "AQCEAAAAKgAAAAMAAAAAAAAAAcmIfQ=="))
                .isInstanceOf(RolloutFailedException.class).hasMessage("aborted by an operator: not today");
        assertThat(fakes.store().record(SERVICE).approvalToken()).isNull();
    }

    @Test
    void supersedingAPromotingRolloutRestoresThePrimaryAndKeepsItsPreviousRevision() {
        promoting();
        fakes.ecs().deploy(CLUSTER, APP, TASK_DEFINITION_8);
        RolloutContext newer = new RolloutContext(CLUSTER, APP, NEWER_EXECUTION, context.spec());

        steps.initialize(newer, "ecs-svc/5820913461049274853", SampleSpecs.orders());

        assertThat(fakes.ecs().service(CLUSTER, PRIMARY_SERVICE).taskDefinition()).isEqualTo(TASK_DEFINITION_6);
        Rollout started = fakes.store().record(SERVICE);
        assertThat(started.execution()).isEqualTo(NEWER_EXECUTION);
        assertThat(started.primaryTaskDefinition()).as("not the half-promoted 7").isEqualTo(TASK_DEFINITION_6);
    }

    @Test
    void deploymentOfThePrimarysRevisionReleasesNothingAndLeavesTheAbortedRolloutToItsRollback() {
        fakes.canaryAtTenPercent(DEPLOYMENT, EXECUTION);
        guard.onDeploymentFailed(CANARY_ARN, DEPLOYMENT, BREAKER, now());
        // ECS's circuit breaker rolls the user's service back to the revision it ran before, the primary's.
        fakes.ecs().deploy(CLUSTER, APP, TASK_DEFINITION_6);
        Rollout aborted = fakes.store().record(SERVICE);
        RolloutFakes.Footprint before = fakes.footprint();

        NoReleaseException none = catchThrowableOfType(NoReleaseException.class, () -> steps.initialize(
                new RolloutContext(CLUSTER, APP, NEWER_EXECUTION, context.spec()), "ecs-svc/6", SampleSpecs.orders()));

        assertThat(none).hasMessageContaining("nothing to roll out");
        assertThat(fakes.store().record(SERVICE)).isEqualTo(aborted);
        assertThat(fakes.footprint()).isEqualTo(before);
    }

    /** Every step passed; the primary is part-way to revision 7. */
    private void promoting() {
        fakes.canaryAtTenPercent(DEPLOYMENT, EXECUTION);
        for (int done = 1; done < context.spec().steps().size(); done++) {
            fakes.clock().advanceSeconds(60);
            steps.analyze(context);
            steps.setWeight(context, done);
        }
        fakes.clock().advanceSeconds(60);
        assertThat(steps.analyze(context).next()).isEqualTo(Decision.Next.PROMOTE);
        steps.promote(context);
        assertThat(fakes.ecs().service(CLUSTER, PRIMARY_SERVICE).taskDefinition()).isEqualTo(TASK_DEFINITION_7);
    }

    /** The workflow's wait for the primary reads ABORTED, and the rollback ends the rollout FAILED. */
    private void rollsBackFromThePrimaryWait() {
        RolloutFailedException aborted = catchThrowableOfType(RolloutFailedException.class,
                () -> steps.capacityReady(context, Track.PRIMARY, now()));
        steps.rollback(context, "RolloutFailed: " + aborted.getMessage());
        Rollout failed = fakes.store().record(SERVICE);
        assertThat(failed.phase()).isEqualTo(Phase.FAILED);
        assertThat(failed.history()).extracting(HistoryEntry::phase).doesNotContain(Phase.SUCCEEDED);
        assertThat(fakes.ecs().service(CLUSTER, PRIMARY_SERVICE).taskDefinition()).isEqualTo(TASK_DEFINITION_6);
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
    }

    private Instant now() {
        return fakes.clock().instant();
    }
}
