package io.meshcanary.local.ecssim;

import static io.meshcanary.local.ecssim.EcsJson.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The ECS calls on service deployments and revisions, answered over the stand-in's deployments (Amazon ECS API
 * Reference: ContinueServiceDeployment, StopServiceDeployment, DescribeServiceDeployments, ListServiceDeployments,
 * DescribeServiceRevisions). A refusal is an error ECS lists for the call, and changes nothing.
 */
final class ServiceDeploymentApi {

    /** The ECS operations answered here in place of the emulator, which has none of them. */
    static final Set<String> OPERATIONS = Set.of("ContinueServiceDeployment", "StopServiceDeployment",
            "DescribeServiceDeployments", "ListServiceDeployments", "DescribeServiceRevisions");
    /** The states in which a deployment is already stopping or rolling back (ServiceDeploymentStatus). */
    private static final Set<String> STOPPING = Set.of("STOP_REQUESTED", "ROLLBACK_REQUESTED",
            "ROLLBACK_IN_PROGRESS");

    private final Map<String, NativeDeployment> deployments;
    private final Map<String, ServiceRevision> revisions;
    private final NativeDeployments.Fleet fleet;

    ServiceDeploymentApi(Map<String, NativeDeployment> deployments, Map<String, ServiceRevision> revisions,
            NativeDeployments.Fleet fleet) {
        this.deployments = deployments;
        this.revisions = revisions;
        this.fleet = fleet;
    }

    EcsAnswer answer(String operation, JsonNode request) {
        return switch (operation) {
            case "ContinueServiceDeployment" -> ofDeployment(request, deployment -> continueAt(deployment, request));
            case "StopServiceDeployment" -> ofDeployment(request, deployment -> stop(deployment, request));
            case "DescribeServiceDeployments" -> described(request.path("serviceDeploymentArns"),
                    "serviceDeployments", arn -> Optional.ofNullable(deployments.get(arn)).map(NativeDeployment::json));
            case "ListServiceDeployments" -> list(request);
            case "DescribeServiceRevisions" -> described(request.path("serviceRevisionArns"), "serviceRevisions",
                    arn -> Optional.ofNullable(revisions.get(arn)).map(ServiceRevision::json));
            default -> EcsAnswer.error("InvalidParameterException", "the stand-in does not answer " + operation);
        };
    }

    /** The answer of {@code call} on the deployment the request names; ECS's error for one it does not know. */
    private EcsAnswer ofDeployment(JsonNode request, Function<NativeDeployment, EcsAnswer> call) {
        String arn = request.path("serviceDeploymentArn").asText();
        return Optional.ofNullable(deployments.get(arn)).map(call).orElseGet(() -> EcsAnswer.error(
                "ServiceDeploymentNotFoundException", "The service deployment " + arn + " does not exist."));
    }

    /**
     * ContinueServiceDeployment (API reference; Developer Guide, "Continuing service deployments"): the hook must be
     * the deployment's and in AWAITING_ACTION, and the deployment IN_PROGRESS; the action defaults to CONTINUE. The
     * reference lists the call's errors (AccessDenied, Client, InvalidParameter, Server, ServiceDeploymentNotFound,
     * UnsupportedFeature), not which refusal raises which: an unknown deployment is ServiceDeploymentNotFoundException,
     * every other refusal here InvalidParameterException.
     */
    private EcsAnswer continueAt(NativeDeployment deployment, JsonNode request) {
        String arn = deployment.arn;
        String hookId = request.path("hookId").asText();
        if (!"IN_PROGRESS".equals(deployment.status)) {
            return EcsAnswer.error("InvalidParameterException", "The service deployment %s is %s, not IN_PROGRESS."
                    .formatted(arn, deployment.status));
        }
        Optional<PauseHook> current = deployment.hook(hookId);
        if (current.isEmpty()) {
            return EcsAnswer.error("InvalidParameterException",
                    "The hook %s is not the current lifecycle hook of the service deployment %s."
                            .formatted(hookId, arn));
        }
        PauseHook hook = current.get();
        if (!hook.awaiting()) {
            return EcsAnswer.error("InvalidParameterException", "The hook %s is %s, not AWAITING_ACTION."
                    .formatted(hookId, hook.status()));
        }
        String action = request.path("action").asText("CONTINUE");
        if (!action.equals("CONTINUE") && !action.equals("ROLLBACK")) {
            return EcsAnswer.error("InvalidParameterException", "action must be CONTINUE or ROLLBACK, not " + action);
        }
        deployment.end(hook.ended("SUCCEEDED"));
        if (action.equals("ROLLBACK")) {
            deployment.rollbackRequested = true;
            deployment.rollbackHook = hookId;
        } else if (!deployment.awaiting()) {
            deployment.next++;
        }
        fleet.wake(deployment.service, Duration.ZERO);
        return EcsAnswer.ok(JSON.createObjectNode().put("serviceDeploymentArn", arn));
    }

    /**
     * StopServiceDeployment (API reference; Developer Guide, "Stopping Amazon ECS service deployments"): a deployment
     * in progress moves to ROLLBACK_REQUESTED and rolls back; one already stopping or rolling back carries on, so a
     * second stop is harmless; an ended one cannot stop, a ConflictException ("conflict in the current state of the
     * resource", among the reference's errors for this call).
     */
    private EcsAnswer stop(NativeDeployment deployment, JsonNode request) {
        String arn = deployment.arn;
        String stopType = request.path("stopType").asText("ROLLBACK");
        if (!stopType.equals("ROLLBACK")) {
            return EcsAnswer.error("InvalidParameterException",
                    "the stand-in stops deployments with ROLLBACK only, not " + stopType);
        }
        if (STOPPING.contains(deployment.status)) {
            return EcsAnswer.ok(JSON.createObjectNode().put("serviceDeploymentArn", arn));
        }
        if (!"IN_PROGRESS".equals(deployment.status)) {
            return EcsAnswer.error("ConflictException", "The service deployment %s is %s and cannot be stopped."
                    .formatted(arn, deployment.status));
        }
        deployment.status = "ROLLBACK_REQUESTED";
        deployment.rollbackRequested = true;
        deployment.hooks.stream().filter(PauseHook::awaiting).forEach(hook -> deployment.end(hook.ended("FAILED")));
        deployment.touch();
        fleet.wake(deployment.service, Duration.ZERO);
        return EcsAnswer.ok(JSON.createObjectNode().put("serviceDeploymentArn", arn));
    }

    /** As ECS's Describe calls answer: each ARN asked for, found, or among the failures as {@code MISSING}. */
    private static EcsAnswer described(JsonNode arns, String field, Function<String, Optional<ObjectNode>> lookup) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode found = body.putArray(field);
        ArrayNode failures = body.putArray("failures");
        arns.forEach(arn -> lookup.apply(arn.asText()).ifPresentOrElse(found::add,
                () -> failures.addObject().put("arn", arn.asText()).put("reason", "MISSING")));
        return EcsAnswer.ok(body);
    }

    /** ListServiceDeployments: the service's deployments, newest first, filtered by status when asked. */
    private EcsAnswer list(JsonNode request) {
        String service = request.path("service").asText();
        String cluster = request.path("cluster").asText("default");
        List<String> statuses = new ArrayList<>();
        request.path("status").forEach(status -> statuses.add(status.asText()));
        ObjectNode body = JSON.createObjectNode();
        ArrayNode briefs = body.putArray("serviceDeployments");
        deployments.values().stream()
                .filter(deployment -> named(deployment.serviceArn, service) && named(deployment.clusterArn, cluster))
                .filter(deployment -> statuses.isEmpty() || statuses.contains(deployment.status))
                .sorted((one, other) -> other.createdAt.compareTo(one.createdAt))
                .forEach(deployment -> briefs.add(deployment.brief()));
        return EcsAnswer.ok(body);
    }

    private static boolean named(String arn, String nameOrArn) {
        return arn.equals(nameOrArn) || arn.endsWith("/" + nameOrArn);
    }
}
