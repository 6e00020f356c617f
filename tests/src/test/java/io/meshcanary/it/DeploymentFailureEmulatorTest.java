package io.meshcanary.it;

import static io.meshcanary.it.Emulator.AWS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.it.CanaryWorkflow.Outcome;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * ECS's deployment circuit breaker, as the local ECS simulator stands in for it. The breaker watches a deployment in
 * progress only: the team's service sits at zero between rollouts, so its next deployment completes at once and the
 * canary's scale-up is no deployment (a crash loop there is the crash guard's, CrashLoopEmulatorTest). A deployment
 * to a canary that runs already is one: the team deploys a crashing revision while the canary of the last one runs,
 * ECS declares that deployment failed ({@code SERVICE_DEPLOYMENT_FAILED}) and rolls the service back to the revision
 * before it, which is released again. The crash limit is set out of reach, so that only ECS's verdict can stop the
 * crashing revision.
 */
@Order(12) // among the longest classes: started early (junit-platform.properties)
class DeploymentFailureEmulatorTest {

    @Test
    void canaryDeploymentFailedByTheCircuitBreakerNeverReachesThePrimaryAndEcsRollbackIsReleasedAgain() {
        CanaryApp app = new CanaryApp();
        // One step, long enough that the crashing revision is deployed while the canary of the last one runs; what
        // comes after it (the release of ECS's rollback) is watched to its end only.
        ObjectNode spec = app.spec().put("intervalSeconds", 20);
        spec.putObject("steps").putArray("weights").add(10);
        ((ObjectNode) spec.path("analysis")).put("maxCanaryCrashes", 100);
        String v1 = app.bootstrap(spec);
        app.reportErrorRate(0.2);
        AWS.ecs.updateService(request -> request.cluster(app.cluster).service(app.app)
                .deploymentConfiguration(config -> config.deploymentCircuitBreaker(breaker -> breaker.enable(true)
                        .rollback(true))));
        String v2 = app.registerRevision("orders:2");
        app.deploy(v2);
        app.awaitStep(v2, 1);
        String v3 = app.shop.registerCrashingRevision("orders:3", 1);

        app.deploy(v3);

        String crashing = app.awaitRecord(record -> CanaryApp.isRolloutOf(record, v3), "the rollout of " + v3)
                .path("execution").asText();
        Outcome execution = CanaryWorkflow.awaitOutcome(crashing);
        assertThat(execution.status()).as("the crashing revision's rollout").isNotEqualTo(ExecutionStatus.SUCCEEDED);
        // Only the breaker's rollback takes the user's service from v3 back to v2.
        assertThat(app.service(app.app).orElseThrow().taskDefinition()).isEqualTo(v2);
        assertThat(app.service(app.app + "-primary").orElseThrow().taskDefinition()).isIn(v1, v2);
        app.awaitRollout(v2, "SUCCEEDED");
        assertThat(app.service(app.app + "-primary").orElseThrow().taskDefinition()).isEqualTo(v2);
    }
}
