package io.meshcanary.local.ecssim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * ECS's deployment circuit breaker on one of its own deployments: green tasks that keep failing end the deployment
 * once their count reaches the breaker's threshold (3 for a service of 2 tasks), only when the service enables it.
 * The service holds at its first pause, so that only the breaker can end its deployment here.
 */
class NativeCircuitBreakerTest {

    private final FakeFleet fleet = new FakeFleet();
    private final NativeDeployments ecs = new NativeDeployments(fleet);
    private final StandInCalls calls = new StandInCalls(ecs);

    @Test
    void withRollbackTheThirdFailureRollsTheDeploymentBackToBlue() {
        Service service = breaker(true, true);
        String deployment = start(service);

        ecs.advance(service, fleet.running, 2);
        assertThat(calls.describe(deployment).path("status").asText()).isEqualTo("IN_PROGRESS");
        ecs.advance(service, fleet.running, 3);

        JsonNode ended = calls.describe(deployment);
        assertThat(ended.path("status").asText()).isEqualTo("ROLLBACK_SUCCESSFUL");
        assertThat(ended.path("statusReason").asText()).isEqualTo("ECS deployment circuit breaker: tasks failed to"
                + " start.");
        assertThat(fleet.reverted).containsExactly(ServiceDeploymentAnswersTest.V1);
        assertThat(fleet.running).as("green stopped").isEmpty();
    }

    @Test
    void withoutRollbackTheDeploymentFailsAndGreenStops() {
        Service service = breaker(true, false);
        String deployment = start(service);

        ecs.advance(service, fleet.running, 3);

        assertThat(calls.describe(deployment).path("status").asText()).isEqualTo("FAILED");
        assertThat(fleet.reverted).isEmpty();
        assertThat(fleet.running).as("green stopped").isEmpty();
    }

    @Test
    void withoutTheBreakerFailuresDoNotEndTheDeployment() {
        Service service = breaker(false, false);
        String deployment = start(service);

        ecs.advance(service, fleet.running, 50);

        assertThat(calls.describe(deployment).path("status").asText()).isEqualTo("IN_PROGRESS");
    }

    private String start(Service service) {
        ecs.start(service, ServiceDeploymentAnswersTest.V1);
        ecs.advance(service, fleet.running, 0);
        return calls.onlyDeployment("shop", "orders");
    }

    private static Service breaker(boolean enable, boolean rollback) {
        Service paused = ServiceDeploymentAnswersTest.PAUSED;
        return paused.toBuilder().deploymentConfiguration(paused.deploymentConfiguration().toBuilder()
                .deploymentCircuitBreaker(circuit -> circuit.enable(enable).rollback(rollback)).build()).build();
    }
}
