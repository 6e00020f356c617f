package io.meshcanary.local.ecssim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** The ECS calls on service deployments, made to the stand-in as the SDK sends them (awsJson 1.1 bodies). */
final class StandInCalls {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final NativeDeployments ecs;

    StandInCalls(NativeDeployments ecs) {
        this.ecs = ecs;
    }

    /** The service's only deployment, by ListServiceDeployments. */
    String onlyDeployment(String cluster, String service) {
        assertThat(deployments(cluster, service)).hasSize(1);
        return newestDeployment(cluster, service);
    }

    /** The service's newest deployment: ListServiceDeployments lists the newest first. */
    String newestDeployment(String cluster, String service) {
        return deployments(cluster, service).get(0).path("serviceDeploymentArn").asText();
    }

    private JsonNode deployments(String cluster, String service) {
        ObjectNode request = JSON.createObjectNode().put("cluster", cluster).put("service", service);
        return ok(ecs.answer("ListServiceDeployments", request)).path("serviceDeployments");
    }

    JsonNode describe(String deployment) {
        ObjectNode request = JSON.createObjectNode();
        request.putArray("serviceDeploymentArns").add(deployment);
        return ok(ecs.answer("DescribeServiceDeployments", request)).path("serviceDeployments").get(0);
    }

    /** The deployment's target revision, as DescribeServiceRevisions shows it. */
    JsonNode targetRevision(String deployment) {
        ObjectNode request = JSON.createObjectNode();
        request.putArray("serviceRevisionArns").add(describe(deployment).path("targetServiceRevision").path("arn")
                .asText());
        return ok(ecs.answer("DescribeServiceRevisions", request)).path("serviceRevisions").get(0);
    }

    /** The id of the deployment's hook, which must be awaiting action. */
    String awaiting(String deployment) {
        JsonNode hook = describe(deployment).path("lifecycleHookDetails").get(0);
        assertThat(hook.path("status").asText()).isEqualTo("AWAITING_ACTION");
        return hook.path("hookId").asText();
    }

    /** Blue's and green's requested production traffic weights. */
    double[] weights(String deployment) {
        JsonNode described = describe(deployment);
        return new double[] {
            described.path("sourceServiceRevisions").get(0).path("requestedProductionTrafficWeight").asDouble(),
            described.path("targetServiceRevision").path("requestedProductionTrafficWeight").asDouble()};
    }

    EcsAnswer continueAt(String deployment, String hookId, String action) {
        return ecs.answer("ContinueServiceDeployment", JSON.createObjectNode().put("serviceDeploymentArn", deployment)
                .put("hookId", hookId).put("action", action));
    }

    EcsAnswer stop(String deployment) {
        return ecs.answer("StopServiceDeployment", JSON.createObjectNode().put("serviceDeploymentArn", deployment)
                .put("stopType", "ROLLBACK"));
    }

    static JsonNode ok(EcsAnswer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return read(answer);
    }

    static JsonNode read(EcsAnswer answer) {
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new AssertionError(answer.body(), e);
        }
    }
}
