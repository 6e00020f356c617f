package io.meshcanary.local.ecssim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookAction;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookStage;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookTargetType;
import software.amazon.awssdk.services.ecs.model.DeploymentStrategy;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;

/**
 * How the stand-in for ECS's own deployments answers ContinueServiceDeployment and StopServiceDeployment that ECS
 * refuses: each refusal names what was wrong, raises the exception ECS documents, and changes nothing.
 */
class ServiceDeploymentAnswersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVICE = "arn:aws:ecs:us-east-1:123456789012:service/shop/orders";
    private static final String V1 = "arn:aws:ecs:us-east-1:123456789012:task-definition/orders:1";
    private static final String V2 = "arn:aws:ecs:us-east-1:123456789012:task-definition/orders:2";
    private static final String RULE = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/shop/1/2/3";

    private final FakeFleet fleet = new FakeFleet();
    private final NativeDeployments ecs = new NativeDeployments(fleet);
    private final Service service = Service.builder().serviceArn(SERVICE).serviceName("orders")
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

    @Test
    void anUnknownHookIdIsRefusedByNameAndTheHookKeepsWaiting() {
        String deployment = deployV2();
        JsonNode before = describe(deployment);

        assertRefused(continueAt(deployment, "ecs-pause-unknown", "CONTINUE"), "InvalidParameterException",
                "ecs-pause-unknown");

        assertThat(describe(deployment)).isEqualTo(before);
        advance();
        assertThat(fleet.shifts).isEmpty();
    }

    @Test
    void continueWhenNothingWaitsIsRefusedAndMovesNothing() {
        String deployment = deployV2();
        String hook = awaiting(deployment);
        assertThat(continueAt(deployment, hook, "CONTINUE").status()).isEqualTo(200);
        JsonNode answered = describe(deployment);

        assertRefused(continueAt(deployment, hook, "CONTINUE"), "InvalidParameterException", hook, "SUCCEEDED");

        assertThat(describe(deployment)).isEqualTo(answered);
        advance();
        assertThat(fleet.shifts).as("one step for one answer").hasSize(1);
        assertThat(weight(deployment)).isEqualTo(50.0);
    }

    @Test
    void aHookOfAnEarlierPauseIsRefusedAndTheWaitingOneStaysOpen() {
        String deployment = deployV2();
        String first = awaiting(deployment);
        continueAt(deployment, first, "CONTINUE");
        advance();
        String second = awaiting(deployment);
        JsonNode before = describe(deployment);

        assertRefused(continueAt(deployment, first, "ROLLBACK"), "InvalidParameterException", first);

        assertThat(describe(deployment)).isEqualTo(before);
        assertThat(awaiting(deployment)).isEqualTo(second);
        assertThat(weight(deployment)).isEqualTo(50.0);
    }

    @Test
    void anUnknownServiceDeploymentIsNotFound() {
        String unknown = deployV2() + "x";
        assertRefused(continueAt(unknown, "ecs-pause-1", "CONTINUE"), "ServiceDeploymentNotFoundException", unknown);
        assertRefused(stop(unknown), "ServiceDeploymentNotFoundException", unknown);
    }

    /** Developer Guide, "Stopping Amazon ECS service deployments": only a deployment not yet ended can stop. */
    @Test
    void stoppingAnEndedDeploymentIsAConflictAndChangesNothing() {
        String deployment = deployV2();
        continueAt(deployment, awaiting(deployment), "ROLLBACK");
        advance();
        JsonNode rolledBack = describe(deployment);
        assertThat(rolledBack.path("status").asText()).isEqualTo("ROLLBACK_SUCCESSFUL");

        assertRefused(stop(deployment), "ConflictException", deployment, "ROLLBACK_SUCCESSFUL");

        assertThat(describe(deployment)).isEqualTo(rolledBack);
    }

    /** The same guide: a deployment in ROLLBACK_REQUESTED that is stopped again continues its rollback. */
    @Test
    void stoppingAgainWhileARollbackIsRequestedContinuesIt() {
        String deployment = deployV2();
        assertThat(stop(deployment).status()).isEqualTo(200);

        assertThat(stop(deployment).status()).isEqualTo(200);

        advance();
        assertThat(describe(deployment).path("status").asText()).isEqualTo("ROLLBACK_SUCCESSFUL");
        assertThat(fleet.reverted).containsExactly(V1);
    }

    private String deployV2() {
        ecs.start(service, V1);
        advance();
        advance();
        ObjectNode list = JSON.createObjectNode().put("cluster", "shop").put("service", "orders");
        return answer("ListServiceDeployments", list).path("serviceDeployments").get(0)
                .path("serviceDeploymentArn").asText();
    }

    private void advance() {
        ecs.advance(service, fleet.running);
    }

    private String awaiting(String deployment) {
        JsonNode hook = describe(deployment).path("lifecycleHookDetails").get(0);
        assertThat(hook.path("status").asText()).isEqualTo("AWAITING_ACTION");
        return hook.path("hookId").asText();
    }

    private double weight(String deployment) {
        return describe(deployment).path("targetServiceRevision").path("requestedProductionTrafficWeight").asDouble();
    }

    private JsonNode describe(String deployment) {
        ObjectNode request = JSON.createObjectNode();
        request.putArray("serviceDeploymentArns").add(deployment);
        return answer("DescribeServiceDeployments", request).path("serviceDeployments").get(0);
    }

    private EcsAnswer continueAt(String deployment, String hookId, String action) {
        return ecs.answer("ContinueServiceDeployment", JSON.createObjectNode().put("serviceDeploymentArn", deployment)
                .put("hookId", hookId).put("action", action));
    }

    private EcsAnswer stop(String deployment) {
        return ecs.answer("StopServiceDeployment", JSON.createObjectNode().put("serviceDeploymentArn", deployment)
                .put("stopType", "ROLLBACK"));
    }

    private JsonNode answer(String operation, JsonNode request) {
        EcsAnswer answer = ecs.answer(operation, request);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return read(answer);
    }

    private static void assertRefused(EcsAnswer answer, String type, String... named) {
        assertThat(answer.status()).isEqualTo(400);
        JsonNode error = read(answer);
        assertThat(error.path("__type").asText()).isEqualTo(type);
        assertThat(error.path("message").asText()).contains(named);
    }

    private static JsonNode read(EcsAnswer answer) {
        try {
            return JSON.readTree(answer.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(answer.body(), e);
        }
    }

    /** The simulator as the stand-in sees it: tasks start healthy, and every call is recorded. */
    private static final class FakeFleet implements NativeDeployments.Fleet {
        final List<Task> running = new ArrayList<>();
        final List<Action> shifts = new ArrayList<>();
        final List<String> reverted = new ArrayList<>();

        @Override
        public void run(Service service, String taskDefinition) {
            running.add(Task.builder().taskArn("task/" + UUID.randomUUID()).taskDefinitionArn(taskDefinition).build());
        }

        @Override
        public void stop(Service service, Task task) {
            running.remove(task);
        }

        @Override
        public boolean healthy(Service service, Task task) {
            return true;
        }

        @Override
        public void revert(Service service, String taskDefinition) {
            reverted.add(taskDefinition);
        }

        @Override
        public void forward(String ruleArn, Action forward) {
            shifts.add(forward);
        }

        @Override
        public void put(JsonNode event) {
        }

        @Override
        public void wake(Service service, Duration after) {
        }
    }
}
