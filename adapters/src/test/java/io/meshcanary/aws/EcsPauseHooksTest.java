package io.meshcanary.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.nativemode.NativeService;
import io.meshcanary.nativemode.PauseHook;
import io.meshcanary.nativemode.TrafficGrid;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DeploymentController;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHook;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookAction;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookStage;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookTargetType;
import software.amazon.awssdk.services.ecs.model.DeploymentStrategy;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * meshcanary's pause hook on a team's LINEAR service behind an ALB, against the ECS API reference's shapes (the
 * emulator keeps a deployment configuration as given, so an in-memory client describes the team's service): the
 * team's own hook, its alarms and bake times stay, and only meshcanary's hook comes and goes.
 */
class EcsPauseHooksTest {

    private static final String ACCOUNT = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:";
    private static final LoadBalancer BEHIND_ALB = LoadBalancer.builder()
            .targetGroupArn(ACCOUNT + "targetgroup/orders-blue/1").containerName("orders").containerPort(8080)
            .advancedConfiguration(advanced -> advanced.alternateTargetGroupArn(ACCOUNT + "targetgroup/orders-green/2")
                    .productionListenerRule(ACCOUNT + "listener-rule/app/shop/3/4/5")
                    .roleArn("arn:aws:iam::123456789012:role/ecs-infrastructure-shop"))
            .build();
    /** The team's own smoke test after scale-up, a Lambda hook with its role. */
    private static final DeploymentLifecycleHook SMOKE_TEST = DeploymentLifecycleHook.builder()
            .targetType(DeploymentLifecycleHookTargetType.AWS_LAMBDA)
            .hookTargetArn("arn:aws:lambda:eu-west-1:123456789012:function:orders-smoke")
            .roleArn("arn:aws:iam::123456789012:role/orders-hooks")
            .lifecycleStages(DeploymentLifecycleHookStage.POST_SCALE_UP).build();
    private static final DeploymentConfiguration LINEAR = DeploymentConfiguration.builder()
            .strategy(DeploymentStrategy.LINEAR).linearConfiguration(linear -> linear.stepPercent(20.0)
                    .stepBakeTimeInMinutes(3))
            .bakeTimeInMinutes(10)
            .alarms(alarms -> alarms.alarmNames("orders-5xx").enable(true).rollback(true))
            .lifecycleHooks(SMOKE_TEST).build();
    private static final Service TEAM = Service.builder().serviceName("orders").status("ACTIVE")
            .deploymentController(controller -> controller.type(DeploymentControllerType.ECS))
            .deploymentConfiguration(LINEAR).loadBalancers(BEHIND_ALB)
            .deployments(deployment -> deployment.status("PRIMARY")).build();

    @Test
    void installAddsTheHookBeforeEachTrafficStepAndKeepsEverySettingOfTheTeam() {
        RecordingEcs ecs = new RecordingEcs(TEAM);

        new EcsPauseHooks(ecs).install("shop", "orders", new PauseHook(66));

        DeploymentConfiguration written = ecs.updated.getFirst().deploymentConfiguration();
        assertThat(written.toBuilder().lifecycleHooks(SMOKE_TEST).build()).as("every other setting").isEqualTo(LINEAR);
        assertThat(written.lifecycleHooks()).hasSize(2).first().isEqualTo(SMOKE_TEST);
        DeploymentLifecycleHook pause = written.lifecycleHooks().get(1);
        assertThat(pause.targetType()).isEqualTo(DeploymentLifecycleHookTargetType.PAUSE);
        assertThat(pause.lifecycleStages()).containsExactly(DeploymentLifecycleHookStage.PRE_PRODUCTION_TRAFFIC_SHIFT,
                DeploymentLifecycleHookStage.POST_PRODUCTION_TRAFFIC_SHIFT);
        assertThat(pause.timeoutConfiguration().timeoutInMinutes()).isEqualTo(66);
        assertThat(pause.timeoutConfiguration().action()).isEqualTo(DeploymentLifecycleHookAction.ROLLBACK);
        assertThat(EcsPauseHooks.isMeshcanarys(pause)).isTrue();
        assertThat(ecs.updated.getFirst().taskDefinition()).as("no new deployment").isNull();
    }

    @Test
    void installingAgainWritesNothingAndANewTimeoutReplacesTheHook() {
        RecordingEcs ecs = new RecordingEcs(TEAM);
        EcsPauseHooks hooks = new EcsPauseHooks(ecs);
        hooks.install("shop", "orders", new PauseHook(66));

        hooks.install("shop", "orders", new PauseHook(66));
        assertThat(ecs.updated).hasSize(1);

        hooks.install("shop", "orders", new PauseHook(120));
        assertThat(ecs.updated).hasSize(2);
        assertThat(ecs.updated.getLast().deploymentConfiguration().lifecycleHooks()).hasSize(2).last()
                .satisfies(pause -> assertThat(pause.timeoutConfiguration().timeoutInMinutes()).isEqualTo(120));
    }

    @Test
    void removeTakesOnlyMeshcanarysHookOffAndLeavesATeamPauseHookAlone() {
        DeploymentLifecycleHook teamPause = DeploymentLifecycleHook.builder()
                .targetType(DeploymentLifecycleHookTargetType.PAUSE)
                .lifecycleStages(DeploymentLifecycleHookStage.PRE_PRODUCTION_TRAFFIC_SHIFT)
                .hookDetails(Document.mapBuilder().putString("owner", "release-team").build()).build();
        Service team = TEAM.toBuilder().deploymentConfiguration(LINEAR.toBuilder()
                .lifecycleHooks(SMOKE_TEST, teamPause).build()).build();
        RecordingEcs ecs = new RecordingEcs(team);
        EcsPauseHooks hooks = new EcsPauseHooks(ecs);
        hooks.install("shop", "orders", new PauseHook(66));

        hooks.remove("shop", "orders");

        assertThat(ecs.updated.getLast().deploymentConfiguration().lifecycleHooks())
                .containsExactly(SMOKE_TEST, teamPause);
    }

    @Test
    void readsTheStrategyItsStepAndWhatEcsShiftsTrafficOn() {
        NativeService orders = new EcsPauseHooks(new RecordingEcs(TEAM)).read("shop", "orders").orElseThrow();

        assertThat(orders).isEqualTo(new NativeService("orders", "ECS", "LINEAR", OptionalDouble.of(20),
                OptionalDouble.empty(), List.of("load balancer " + ACCOUNT + "targetgroup/orders-blue/1"), List.of(),
                List.of()));
        assertThat(orders.grid()).isEqualTo(TrafficGrid.linear(20));
    }

    @Test
    void aTeamsOwnPauseAtMeshcanarysStageIsNamedAndOneAtAnotherStageOrMeshcanarysOwnIsNot() {
        DeploymentLifecycleHook beforeEachStep = DeploymentLifecycleHook.builder()
                .targetType(DeploymentLifecycleHookTargetType.PAUSE).lifecycleStages(
                        DeploymentLifecycleHookStage.POST_SCALE_UP,
                        DeploymentLifecycleHookStage.PRE_PRODUCTION_TRAFFIC_SHIFT).build();
        DeploymentLifecycleHook afterScaleUp = beforeEachStep.toBuilder()
                .lifecycleStages(DeploymentLifecycleHookStage.POST_SCALE_UP).build();
        RecordingEcs ecs = new RecordingEcs(TEAM.toBuilder().deploymentConfiguration(LINEAR.toBuilder()
                .lifecycleHooks(SMOKE_TEST, afterScaleUp, beforeEachStep).build()).build());
        new EcsPauseHooks(ecs).install("shop", "orders", new PauseHook(66));

        NativeService orders = new EcsPauseHooks(ecs).read("shop", "orders").orElseThrow();

        assertThat(orders.sharedPauses())
                .containsExactly("deploymentConfiguration.lifecycleHooks[2] (PRE_PRODUCTION_TRAFFIC_SHIFT)");
    }

    @Test
    void aServiceWithoutStrategyIsRollingAndALoadBalancerWithoutAlternateIsNamed() {
        Service rolling = TEAM.toBuilder().deploymentController((DeploymentController) null)
                .deploymentConfiguration(DeploymentConfiguration.builder().build())
                .loadBalancers(BEHIND_ALB.toBuilder().advancedConfiguration(advanced -> advanced
                        .productionListenerRule(ACCOUNT + "listener-rule/app/shop/3/4/5")).build()).build();

        NativeService orders = new EcsPauseHooks(new RecordingEcs(rolling)).read("shop", "orders").orElseThrow();

        assertThat(orders.deploymentController()).isEqualTo("ECS");
        assertThat(orders.strategy()).isEqualTo("ROLLING");
        assertThat(orders.gaps()).containsExactly("loadBalancers[0].advancedConfiguration.alternateTargetGroupArn is"
                + " missing", "loadBalancers[0].advancedConfiguration.roleArn is missing");
    }
}
