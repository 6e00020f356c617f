package io.meshcanary.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.appmesh.model.RouteSpec;

/**
 * The canary workflow end to end: the real statemachines/ definition runs in the emulator and invokes the real
 * handlers; ECS deployments come from the runtime's ECS simulator, and everything after them is the product.
 */
class CanaryWorkflowEmulatorTest {

    @Test
    void newRevisionIsShiftedStepByStepAnalyzedThenPromoted() throws InterruptedException {
        CanaryApp app = new CanaryApp();
        app.onboard(app.spec());
        String v1 = app.registerRevision("orders:1");
        app.createService(v1);
        JsonNode bootstrap = app.awaitRollout(v1, "SUCCEEDED");
        assertThat(bootstrap.path("bootstrap").asBoolean()).isTrue();
        RouteSpec before = app.route();
        app.reportErrorRate(0.2);

        String v2 = app.registerRevision("orders:2");
        JsonNode rollout;
        List<Integer> observed;
        try (WeightWatcher watcher = WeightWatcher.watch(app)) {
            app.deploy(v2);
            rollout = app.awaitRollout(v2, "SUCCEEDED");
            observed = watcher.changes();
        }

        assertThat(stepWeights(rollout)).containsExactly(10, 20, 50);
        assertThat(observed).containsSubsequence(10, 20, 50).endsWith(0);
        RouteSpec after = app.route();
        assertThat(after.httpRoute().match()).isEqualTo(before.httpRoute().match());
        assertThat(after.httpRoute().retryPolicy()).isEqualTo(before.httpRoute().retryPolicy());
        assertThat(after.httpRoute().timeout()).isEqualTo(before.httpRoute().timeout());
        assertThat(after.priority()).isEqualTo(7);
        assertThat(app.service(app.app + "-primary").orElseThrow().taskDefinition()).isEqualTo(v2);
        assertThat(app.service(app.app).orElseThrow().desiredCount()).isZero();
        assertThat(rollout.path("primaryTaskDefinition").asText()).isEqualTo(v2);
    }

    /** The canary weight of every weight step in the record's history, as read back from the route. */
    private static List<Integer> stepWeights(JsonNode rollout) {
        List<Integer> weights = new ArrayList<>();
        for (JsonNode entry : rollout.path("history")) {
            if (entry.path("note").asText().startsWith("weight ")) {
                weights.add(entry.path("canaryWeight").asInt());
            }
        }
        return weights;
    }
}
