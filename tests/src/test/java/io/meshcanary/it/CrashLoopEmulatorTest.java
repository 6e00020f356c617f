package io.meshcanary.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshcanary.it.CanaryWorkflow.Outcome;
import io.meshcanary.local.demo.Router;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * A canary whose essential container keeps exiting: the ECS simulator crash-loops its tasks and sends ECS's own
 * STOPPED events (exit code 1, EssentialContainerExited), the node registry counts the crashes against the rollout,
 * and past the spec's limit the rollout is rolled back with the route all on the primary. ECS's circuit breaker
 * cannot: the team's service sat at zero, so the deployment completed at once and the canary's scale-up is no
 * deployment it watches.
 */
class CrashLoopEmulatorTest {

    @ParameterizedTest
    @EnumSource(value = Router.class, names = {"APP_MESH", "ALB"})
    void crashLoopingCanaryIsRolledBackWithAllTrafficOnThePrimary(Router router) {
        CanaryApp app = new CanaryApp(router);
        String v1 = app.bootstrap(app.spec().put("intervalSeconds", 5));
        app.reportErrorRate(0.2);
        String v2 = app.shop.registerCrashingRevision("orders:2", 1);

        app.deploy(v2);

        JsonNode rollout = app.awaitRollout(v2, "FAILED");
        assertThat(rollout.path("reason").asText()).contains("canary tasks crashed")
                .contains("exited with code 1");
        assertThat(rollout.path("crashedTasks").size()).isGreaterThan(2);
        assertThat(app.canaryWeight()).as("the route at 100% primary").isZero();
        assertThat(app.service(app.app).orElseThrow().desiredCount()).isZero();
        assertThat(app.service(app.app + "-primary").orElseThrow().taskDefinition()).isEqualTo(v1);
        Outcome execution = CanaryWorkflow.awaitOutcome(rollout.path("execution").asText());
        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("RolledBack");
    }
}
