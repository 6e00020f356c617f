package io.meshcanary.it;

import static io.meshcanary.it.Emulator.AWS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.it.CanaryWorkflow.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * ECS's deployment circuit breaker, as the local ECS simulator stands in for it: the canary's tasks keep failing, ECS
 * declares the deployment failed ({@code SERVICE_DEPLOYMENT_FAILED}) and rolls the service back to its previous task
 * definition with a deployment of its own. The crash limit is set out of reach, so that only ECS's verdict can stop
 * the rollout.
 */
class DeploymentFailureEmulatorTest {

    @Test
    void canaryDeploymentFailedByTheCircuitBreakerIsRolledBackAndEcsRollbackStartsNoRollout() {
        CanaryApp app = new CanaryApp();
        ObjectNode spec = app.spec().put("intervalSeconds", 20);
        ((ObjectNode) spec.path("analysis")).put("maxCanaryCrashes", 100);
        String v1 = app.bootstrap(spec);
        app.reportErrorRate(0.2);
        AWS.ecs.updateService(request -> request.cluster(app.cluster).service(app.app)
                .deploymentConfiguration(config -> config.deploymentCircuitBreaker(breaker -> breaker.enable(true)
                        .rollback(true))));
        String v2 = app.shop.registerCrashingRevision("orders:2", 1);

        int bootstrapDeployments = deploymentsHandled(app).size();
        app.deploy(v2);

        JsonNode rollout = app.awaitRollout(v2, "FAILED");
        assertThat(rollout.path("reason").asText()).contains("ECS deployment circuit breaker");
        assertThat(app.canaryWeight()).as("the route at 100% primary").isZero();
        assertThat(app.service(app.app + "-primary").orElseThrow().taskDefinition()).isEqualTo(v1);
        Outcome execution = CanaryWorkflow.awaitOutcome(rollout.path("execution").asText());
        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("RolledBack");

        // ECS's rollback deploys v1 to the user's service again: the primary runs it already, so nothing is released.
        List<JsonNode> handled = Eventually.until(() -> deploymentsHandled(app),
                lines -> lines.size() == bootstrapDeployments + 2, "the trigger to handle ECS's rollback deployment");
        assertThat(CanaryWorkflow.awaitEnd(handled.getLast().path("execution").asText()).status())
                .as("ECS's rollback releases nothing").isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(app.record().orElseThrow()).as("no rollout of the rollback deployment").isEqualTo(rollout);
        assertThat(app.canaryWeight()).isZero();
        assertThat(app.service(app.app + "-primary").orElseThrow().taskDefinition()).isEqualTo(v1);
    }

    private static List<JsonNode> deploymentsHandled(CanaryApp app) {
        return FunctionLog.lines(line -> line.path("message").asText().equals("deployment handled")
                && line.path("ecsService").asText().endsWith("/" + app.cluster + "/" + app.app));
    }
}
