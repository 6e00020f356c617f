package io.meshcanary.it;

import static io.meshcanary.it.Emulator.AWS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentBrief;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;

/** What the native-mode tests read of ECS's own deployment of an app's service, and the check that fails a release. */
final class NativeDeploymentReads {

    private NativeDeploymentReads() {
    }

    /** The service's one deployment since onboarding (its first, of orders:1, made no service deployment). */
    static ServiceDeployment onlyDeployment(CanaryApp app) {
        List<ServiceDeploymentBrief> briefs = Eventually.until(() -> AWS.ecs.listServiceDeployments(request ->
                        request.cluster(app.cluster).service(app.app)).serviceDeployments(),
                found -> !found.isEmpty(), "the service deployment of " + app.app);
        assertThat(briefs).hasSize(1);
        return AWS.ecs.describeServiceDeployments(request -> request.serviceDeploymentArns(
                briefs.getFirst().serviceDeploymentArn())).serviceDeployments().getFirst();
    }

    static ServiceDeployment awaitStatus(CanaryApp app, ServiceDeploymentStatus status) {
        return Eventually.until(() -> onlyDeployment(app), found -> found.status() == status,
                "the deployment " + status);
    }

    /** A check on the app's own error rate, as it publishes it: 5% is over its 1% from the first analysis on. */
    static JsonNode errorRateCheck(CanaryApp app) {
        try {
            return SampleEvents.JSON.readTree("""
                    {"name": "error-rate",
                     "queries": [{"id": "rate", "metric": {"namespace": "Shop/Orders", "metricName": "ErrorRate",
                                  "dimensions": {"VirtualNode": "%s-canary"}, "stat": "Average"}}],
                     "max": 1.0, "minSamples": 1, "periodSeconds": 60, "windowSeconds": 600}""".formatted(app.app));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
