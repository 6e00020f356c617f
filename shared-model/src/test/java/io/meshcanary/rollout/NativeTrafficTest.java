package io.meshcanary.rollout;

import static io.meshcanary.testing.RolloutFakes.APP;
import static io.meshcanary.testing.RolloutFakes.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshcanary.model.Track;
import io.meshcanary.nativemode.RevisionTargetGroups;
import io.meshcanary.spec.CanarySpec;
import io.meshcanary.testing.FakeServiceDeployments;
import io.meshcanary.testing.RolloutFakes;
import io.meshcanary.testing.SampleFiles;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The native engine against a service deployment that moves only when told, as ECS's LINEAR 10% with meshcanary's
 * pause hook does; the example native spec holds at 10, 30 and 100.
 */
class NativeTrafficTest {

    private static final String ARN = "arn:aws:ecs:us-east-1:123456789012:service-deployment/shop/orders/d1";
    private static final String EXECUTION = "shop-orders-d1";
    private static final String BLUE_GROUP =
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/orders/1a";
    private static final String GREEN_GROUP =
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/orders-green/2b";
    private static final String RULE =
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/shop/50dc/f2f7/9683";
    private static final String SPEC = SampleFiles.read("examples/orders-native.canary.json");

    private final RolloutFakes fakes = RolloutFakes.empty();
    private final FakeServiceDeployments ecs = fakes.deployments().deploying(ARN);
    private final NativeTraffic engine = new NativeTraffic(fakes.store(), ecs, fakes.metrics(), fakes.workflows(),
            fakes.events(), fakes.clock());
    private final RolloutContext context = new RolloutContext(CLUSTER, APP, EXECUTION, CanarySpec.parse(SPEC));

    @Test
    void theStepIsReachedOnlyOnceEcsWaitsAtItsWeightAndEveryPauseBelowItIsAnsweredContinue() {
        engine.start(context, ARN, SPEC);
        assertThat(engine.capacityReady(context, Track.CANARY, fakes.clock().instant())).isTrue();

        assertThat(engine.stepTo(context, 0)).isEqualTo(new StepTaken(Weights.canaryAt(0), false));
        ecs.shifted(10);
        assertThat(engine.stepTo(context, 0)).as("ECS bakes at 10%").isEqualTo(new StepTaken(Weights.canaryAt(10),
                false));
        ecs.pausedAt(10);
        assertThat(engine.stepTo(context, 0)).isEqualTo(new StepTaken(Weights.canaryAt(10), true));
        assertThat(engine.stepTo(context, 0)).as("a retry").isEqualTo(new StepTaken(Weights.canaryAt(10), true));
        engine.stepTo(context, 1);
        ecs.pausedAt(20);
        engine.stepTo(context, 1);
        ecs.pausedAt(30);

        assertThat(engine.stepTo(context, 1)).isEqualTo(new StepTaken(Weights.canaryAt(30), true));
        assertThat(ecs.answers()).containsExactly("hook-0 CONTINUE", "hook-10 CONTINUE", "hook-20 CONTINUE");
        Rollout record = fakes.store().find(context.service()).orElseThrow();
        assertThat(record.step()).isEqualTo(2);
        assertThat(record.weights()).isEqualTo(Weights.canaryAt(30));
        assertThat(record.history()).extracting(HistoryEntry::note)
                .contains("ECS's pause at 20% answered CONTINUE (on to 30%)", "weight 30%");
    }

    @Test
    void eachTracksTargetGroupAndLoadBalancerAreTheRevisionsOwnBehindAnAlb() {
        ecs.behind(new RevisionTargetGroups(false, BLUE_GROUP, GREEN_GROUP, Optional.of(RULE)));
        engine.start(context, ARN, SPEC);
        Rollout rollout = fakes.store().find(context.service()).orElseThrow();

        assertThat(engine.placeholders(context, rollout, Track.CANARY)).containsEntry("targetGroup",
                "targetgroup/orders-green/2b").containsEntry("loadBalancer", "app/shop/50dc").containsEntry("app", APP);
        assertThat(engine.placeholders(context, rollout, Track.PRIMARY)).containsEntry("targetGroup",
                "targetgroup/orders/1a").containsEntry("loadBalancer", "app/shop/50dc");
    }

    @Test
    void anAnalysisOfAlarmsAloneReadsNoTargetGroupFromEcs() {
        engine.start(context, ARN, SPEC);
        RolloutAnalysis analysis = new RolloutAnalysis(fakes.store(), fakes.metrics(), engine,
                new ExecutionGuard(fakes.store(), engine, fakes.workflows(), fakes.clock()),
                new Announcer(fakes.events()), fakes.clock());

        analysis.analyze(context);

        assertThat(ecs.targetGroupReads()).isZero();
    }

    @Test
    void onServiceConnectNoTrackHasATargetGroup() {
        engine.start(context, ARN, SPEC);
        Rollout rollout = fakes.store().find(context.service()).orElseThrow();

        assertThat(engine.placeholders(context, rollout, Track.CANARY)).doesNotContainKeys("targetGroup",
                "loadBalancer").containsEntry("app", APP);
    }

    @Test
    void anAlarmInAlarmAtAStopTheSpecDoesNotHoldAtFailsTheStepAndTheRollbackAnswersRollback() {
        engine.start(context, ARN, SPEC);
        engine.stepTo(context, 0);
        ecs.pausedAt(10);
        engine.stepTo(context, 0);
        engine.stepTo(context, 1);
        ecs.pausedAt(20);
        fakes.metrics().alarm("orders-5xx");

        assertThatThrownBy(() -> engine.stepTo(context, 1)).isInstanceOf(RolloutFailedException.class)
                .hasMessage("alarm orders-5xx is in ALARM at ECS's pause at 20%");
        Optional<Rollout> failed = engine.rollBack(context, "alarm orders-5xx is in ALARM at ECS's pause at 20%");

        assertThat(ecs.answers()).containsExactly("hook-0 CONTINUE", "hook-10 CONTINUE", "hook-20 ROLLBACK");
        assertThat(failed).get().extracting(Rollout::phase).isEqualTo(Phase.FAILED);
    }

    @Test
    void betweenPausesTheRevertStopsTheDeploymentWithRollbackAndAnEndedOneIsLeftAlone() {
        engine.start(context, ARN, SPEC);
        engine.stepTo(context, 0);
        ecs.shifted(10);
        Rollout record = fakes.store().find(context.service()).orElseThrow();

        Reverted reverted = engine.revert(record);

        assertThat(ecs.stops()).isEqualTo(1);
        assertThat(reverted.note()).isEqualTo("ECS's deployment stopped with ROLLBACK at 10%");
        ecs.ended("ROLLBACK_SUCCESSFUL", "Service deployment rolled back by StopServiceDeployment.");
        assertThat(engine.revert(record).note()).isEqualTo("ECS's deployment is ROLLBACK_SUCCESSFUL (Service"
                + " deployment rolled back by StopServiceDeployment.) already");
        assertThat(ecs.stops()).as("no second stop").isEqualTo(1);
    }

    @Test
    void aDeploymentThatEcsEndedOnItsOwnFailsTheRolloutNamingEcssReason() {
        engine.start(context, ARN, SPEC);
        ecs.ended("ROLLBACK_SUCCESSFUL", "Lifecycle hook hook-0 timed out; its timeout action is ROLLBACK.");

        assertThatThrownBy(() -> engine.capacityReady(context, Track.CANARY, fakes.clock().instant()))
                .isInstanceOf(RolloutFailedException.class).hasMessageContaining("ROLLBACK_SUCCESSFUL")
                .hasMessageContaining("timed out");
    }

    @Test
    void aLateEventOfADeploymentANewerOneStoppedStartsNoRolloutAndNamesBoth() {
        String newer = ARN.replace("/d1", "/d2");
        ecs.supersededBy(newer);

        assertThatThrownBy(() -> engine.start(context, ARN, SPEC)).isInstanceOf(NoReleaseException.class)
                .hasMessage("NOT_CURRENT_DEPLOYMENT: ECS's service deployment %s is STOPPED (Superseded by service"
                        + " deployment %s.), not the service's current one (the service's current deployment is %s):"
                        + " nothing to judge", ARN, newer, newer);
        assertThat(fakes.store().find(context.service())).isEmpty();
    }

    @Test
    void aLateEventOfTheLastDeploymentSaysTheServiceHasNoneInProgress() {
        ecs.ended("SUCCESSFUL", null);

        assertThatThrownBy(() -> engine.start(context, ARN, SPEC)).isInstanceOf(NoReleaseException.class)
                .hasMessage("NOT_CURRENT_DEPLOYMENT: ECS's service deployment %s is SUCCESSFUL, not the service's"
                        + " current one (the service has no deployment in progress): nothing to judge", ARN);
        assertThat(fakes.store().find(context.service())).isEmpty();
    }
}
