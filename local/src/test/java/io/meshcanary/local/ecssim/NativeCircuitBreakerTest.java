package io.meshcanary.local.ecssim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookTargetType;
import software.amazon.awssdk.services.ecs.model.DeploymentStrategy;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * ECS's deployment circuit breaker on one of its own deployments: green tasks that keep failing end the deployment
 * once their count reaches the breaker's threshold (3 for a service of 2 tasks), only when the service enables it.
 * Each service holds at its first pause, so that only the breaker can end its deployment here.
 */
class NativeCircuitBreakerTest {

    private static final String V1 = "arn:aws:ecs:us-east-1:123456789012:task-definition/orders:1";
    private static final String V2 = "arn:aws:ecs:us-east-1:123456789012:task-definition/orders:2";
    private static final String RULE =
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/shop/1/2/3";

    private final FakeFleet fleet = new FakeFleet();
    private final NativeDeployments ecs = new NativeDeployments(fleet);
    private final StandInCalls calls = new StandInCalls(ecs);

    @Test
    void withRollbackTheThirdFailureRollsTheDeploymentBackToBlue() {
        Service service = service(true, true);
        String deployment = start(service);

        ecs.advance(service, fleet.running, 2);
        assertThat(calls.describe(deployment).path("status").asText()).isEqualTo("IN_PROGRESS");
        ecs.advance(service, fleet.running, 3);

        JsonNode ended = calls.describe(deployment);
        assertThat(ended.path("status").asText()).isEqualTo("ROLLBACK_SUCCESSFUL");
        assertThat(ended.path("statusReason").asText()).isEqualTo("ECS deployment circuit breaker: tasks failed to"
                + " start.");
        assertThat(fleet.reverted).containsExactly(V1);
        assertThat(fleet.running).as("green stopped").isEmpty();
    }

    @Test
    void withoutRollbackTheDeploymentFailsAndGreenStops() {
        Service service = service(true, false);
        String deployment = start(service);

        ecs.advance(service, fleet.running, 3);

        assertThat(calls.describe(deployment).path("status").asText()).isEqualTo("FAILED");
        assertThat(fleet.reverted).isEmpty();
        assertThat(fleet.running).as("green stopped").isEmpty();
    }

    @Test
    void withoutTheBreakerFailuresDoNotEndTheDeployment() {
        Service service = service(false, false);
        String deployment = start(service);

        ecs.advance(service, fleet.running, 50);

        assertThat(calls.describe(deployment).path("status").asText()).isEqualTo("IN_PROGRESS");
    }

    private String start(Service service) {
        ecs.start(service, V1);
        ecs.advance(service, fleet.running, 0);
        return calls.onlyDeployment("shop", "orders");
    }

    private static Service service(boolean breaker, boolean rollback) {
        return Service.builder().serviceArn("arn:aws:ecs:us-east-1:123456789012:service/shop/orders")
                .serviceName("orders").clusterArn("arn:aws:ecs:us-east-1:123456789012:cluster/shop")
                .taskDefinition(V2).desiredCount(2).deploymentController(controller -> controller.type("ECS"))
                .deploymentConfiguration(configuration -> configuration.strategy(DeploymentStrategy.LINEAR)
                        .linearConfiguration(linear -> linear.stepPercent(50.0).stepBakeTimeInMinutes(0))
                        .bakeTimeInMinutes(0).deploymentCircuitBreaker(circuit -> circuit.enable(breaker)
                                .rollback(rollback))
                        .lifecycleHooks(hook -> hook.targetType(DeploymentLifecycleHookTargetType.PAUSE)
                                .lifecycleStagesWithStrings("PRE_PRODUCTION_TRAFFIC_SHIFT")))
                .loadBalancers(load -> load.targetGroupArn("blue").containerName("orders").containerPort(8080)
                        .advancedConfiguration(advanced -> advanced.alternateTargetGroupArn("green")
                                .productionListenerRule(RULE).roleArn("arn:aws:iam::123456789012:role/ecs")))
                .build();
    }
}
