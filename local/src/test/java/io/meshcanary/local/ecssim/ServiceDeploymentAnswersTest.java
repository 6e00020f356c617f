package io.meshcanary.local.ecssim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHook;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookAction;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookStage;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookTargetType;
import software.amazon.awssdk.services.ecs.model.DeploymentStrategy;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * How the stand-in for ECS's own deployments answers ContinueServiceDeployment and StopServiceDeployment that ECS
 * refuses: each refusal names what was wrong, raises the exception ECS documents, and changes nothing.
 */
class ServiceDeploymentAnswersTest {

    static final String V1 = "arn:aws:ecs:us-east-1:123456789012:task-definition/orders:1";
    private static final String V2 = "arn:aws:ecs:us-east-1:123456789012:task-definition/orders:2";
    private static final String RULE =
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/shop/1/2/3";

    /** A LINEAR 50% service behind an ALB rule that pauses before each traffic step. */
    static final Service PAUSED = Service.builder()
            .serviceArn("arn:aws:ecs:us-east-1:123456789012:service/shop/orders").serviceName("orders")
            .clusterArn("arn:aws:ecs:us-east-1:123456789012:cluster/shop").taskDefinition(V2).desiredCount(2)
            .deploymentController(controller -> controller.type("ECS"))
            .deploymentConfiguration(configuration -> configuration.strategy(DeploymentStrategy.LINEAR)
                    .linearConfiguration(linear -> linear.stepPercent(50.0).stepBakeTimeInMinutes(0))
                    .bakeTimeInMinutes(0)
                    .lifecycleHooks(hook -> hook.targetType(DeploymentLifecycleHookTargetType.PAUSE)
                            .lifecycleStages(DeploymentLifecycleHookStage.PRE_PRODUCTION_TRAFFIC_SHIFT)
                            .timeoutConfiguration(timeout -> timeout.timeoutInMinutes(60)
                                    .action(DeploymentLifecycleHookAction.ROLLBACK))))
            .loadBalancers(LoadBalancer.builder().targetGroupArn("blue").containerName("orders").containerPort(8080)
                    .advancedConfiguration(advanced -> advanced.alternateTargetGroupArn("green")
                            .productionListenerRule(RULE).roleArn("arn:aws:iam::123456789012:role/ecs"))
                    .build())
            .build();

    private final FakeFleet fleet = new FakeFleet();
    private final NativeDeployments ecs = new NativeDeployments(fleet);
    private final StandInCalls calls = new StandInCalls(ecs);

    @Test
    void anUnknownHookIdIsRefusedByNameAndTheHookKeepsWaiting() {
        String deployment = deployV2();
        JsonNode before = calls.describe(deployment);

        assertRefused(calls.continueAt(deployment, "ecs-pause-unknown", "CONTINUE"), "InvalidParameterException",
                "ecs-pause-unknown");

        assertThat(calls.describe(deployment)).isEqualTo(before);
        advance();
        assertThat(fleet.forwards).isEmpty();
    }

    @Test
    void continueWhenNothingWaitsIsRefusedAndMovesNothing() {
        String deployment = deployV2();
        String hook = calls.awaiting(deployment);
        StandInCalls.ok(calls.continueAt(deployment, hook, "CONTINUE"));
        JsonNode answered = calls.describe(deployment);

        assertRefused(calls.continueAt(deployment, hook, "CONTINUE"), "InvalidParameterException", hook,
                "SUCCEEDED");

        assertThat(calls.describe(deployment)).isEqualTo(answered);
        advance();
        assertThat(fleet.forwards).as("one step for one answer").hasSize(1);
        assertThat(calls.weights(deployment)).containsExactly(50.0, 50.0);
    }

    @Test
    void aHookOfAnEarlierPauseIsRefusedAndTheWaitingOneStaysOpen() {
        String deployment = deployV2();
        String first = calls.awaiting(deployment);
        calls.continueAt(deployment, first, "CONTINUE");
        advance();
        String second = calls.awaiting(deployment);
        JsonNode before = calls.describe(deployment);

        assertRefused(calls.continueAt(deployment, first, "ROLLBACK"), "InvalidParameterException", first);

        assertThat(calls.describe(deployment)).isEqualTo(before);
        assertThat(calls.awaiting(deployment)).isEqualTo(second);
        assertThat(calls.weights(deployment)).containsExactly(50.0, 50.0);
    }

    @Test
    void anUnknownServiceDeploymentIsNotFound() {
        String unknown = deployV2() + "x";
        assertRefused(calls.continueAt(unknown, "ecs-pause-1", "CONTINUE"), "ServiceDeploymentNotFoundException",
                unknown);
        assertRefused(calls.stop(unknown), "ServiceDeploymentNotFoundException", unknown);
    }

    /** Developer Guide, "Stopping Amazon ECS service deployments": only a deployment not yet ended can stop. */
    @Test
    void stoppingAnEndedDeploymentIsAConflictAndChangesNothing() {
        String deployment = deployV2();
        calls.continueAt(deployment, calls.awaiting(deployment), "ROLLBACK");
        advance();
        JsonNode rolledBack = calls.describe(deployment);
        assertThat(rolledBack.path("status").asText()).isEqualTo("ROLLBACK_SUCCESSFUL");

        assertRefused(calls.stop(deployment), "ConflictException", deployment, "ROLLBACK_SUCCESSFUL");

        assertThat(calls.describe(deployment)).isEqualTo(rolledBack);
    }

    /** The same guide: a deployment in ROLLBACK_REQUESTED that is stopped again continues its rollback. */
    @Test
    void stoppingAgainWhileARollbackIsRequestedContinuesIt() {
        String deployment = deployV2();
        StandInCalls.ok(calls.stop(deployment));

        StandInCalls.ok(calls.stop(deployment));

        advance();
        assertThat(calls.describe(deployment).path("status").asText()).isEqualTo("ROLLBACK_SUCCESSFUL");
        assertThat(fleet.reverted).containsExactly(V1);
    }

    @Test
    void eachPauseHookOfAStageWaitsForItsOwnAnswerAndTheDeploymentMovesOnceAllAreAnswered() {
        DeploymentLifecycleHook pause = PAUSED.deploymentConfiguration().lifecycleHooks().getFirst();
        Service twoPauses = PAUSED.toBuilder().deploymentConfiguration(PAUSED.deploymentConfiguration().toBuilder()
                .lifecycleHooks(pause, pause.toBuilder().timeoutConfiguration(timeout -> timeout.timeoutInMinutes(600)
                        .action(DeploymentLifecycleHookAction.ROLLBACK)).build()).build()).build();
        ecs.start(twoPauses, V1);
        ecs.advance(twoPauses, fleet.running, 0);
        ecs.advance(twoPauses, fleet.running, 0);
        String deployment = calls.onlyDeployment("shop", "orders");
        JsonNode waiting = calls.describe(deployment).path("lifecycleHookDetails");
        assertThat(waiting).hasSize(2).allSatisfy(hook -> assertThat(hook.path("status").asText())
                .isEqualTo("AWAITING_ACTION"));
        String first = waiting.get(0).path("hookId").asText();
        String second = waiting.get(1).path("hookId").asText();
        assertThat(first).isNotEqualTo(second);
        assertThat(fleet.events).extracting(event -> event.at("/detail/hookId").asText())
                .containsExactly(first, second);

        StandInCalls.ok(calls.continueAt(deployment, first, "CONTINUE"));
        ecs.advance(twoPauses, fleet.running, 0);

        assertThat(calls.weights(deployment)).as("still before the first step").containsExactly(100.0, 0.0);
        assertThat(calls.describe(deployment).at("/lifecycleHookDetails/1/status").asText())
                .isEqualTo("AWAITING_ACTION");
        StandInCalls.ok(calls.continueAt(deployment, second, "CONTINUE"));
        ecs.advance(twoPauses, fleet.running, 0);
        assertThat(calls.weights(deployment)).containsExactly(50.0, 50.0);
    }

    private String deployV2() {
        ecs.start(PAUSED, V1);
        advance();
        advance();
        return calls.onlyDeployment("shop", "orders");
    }

    private void advance() {
        ecs.advance(PAUSED, fleet.running, 0);
    }

    private static void assertRefused(EcsAnswer answer, String type, String... named) {
        assertThat(answer.status()).isEqualTo(400);
        JsonNode error = StandInCalls.read(answer);
        assertThat(error.path("__type").asText()).isEqualTo(type);
        assertThat(error.path("message").asText()).contains(named);
    }
}
