package io.meshcanary.local.ecssim;

import static io.meshcanary.local.ecssim.EcsJson.JSON;
import static io.meshcanary.local.ecssim.EcsJson.seconds;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Service;

/** One of ECS's own service deployments: its revisions, where it is, its last pause hook, and its traffic. */
final class NativeDeployment {
    final String arn;
    final String serviceArn;
    final String clusterArn;
    final ServiceRevision source;
    final ServiceRevision target;
    final List<DeploymentStages.Stage> stages;
    final TrafficShift traffic;
    final Instant createdAt = Instant.now();
    Service service;
    int next;
    String status = "IN_PROGRESS";
    String statusReason;
    String lifecycleStage = "PRE_SCALE_UP";
    /** Green's share of production traffic, in percent: the target revision's requestedProductionTrafficWeight. */
    double weight;
    /**
     * The hooks of the pause point the deployment waits at or last passed, one per PAUSE hook at its stage: ECS waits
     * for every hook of a stage (Developer Guide, "Lifecycle hooks for Amazon ECS service deployments": with more than
     * one hook at a stage, all must complete before the deployment proceeds) and lists each active one.
     */
    List<PauseHook> hooks = List.of();
    boolean rollbackRequested;
    /** The hook ContinueServiceDeployment answered ROLLBACK, if one did. */
    String rollbackHook;
    Instant bakeUntil;
    Instant updatedAt = createdAt;
    Instant finishedAt;

    NativeDeployment(String arn, Service service, ServiceRevision source, ServiceRevision target,
            List<DeploymentStages.Stage> stages, TrafficShift traffic) {
        this.arn = arn;
        this.serviceArn = service.serviceArn();
        this.clusterArn = service.clusterArn();
        this.service = service;
        this.source = source;
        this.target = target;
        this.stages = stages;
        this.traffic = traffic;
    }

    Optional<PauseHook> hook(String id) {
        return hooks.stream().filter(hook -> hook.id().equals(id)).findFirst();
    }

    /** Whether a hook of the pause point still waits for an answer. */
    boolean awaiting() {
        return hooks.stream().anyMatch(PauseHook::awaiting);
    }

    /** Puts {@code ended} in place of the hook of its id. */
    void end(PauseHook ended) {
        hooks = hooks.stream().map(hook -> hook.id().equals(ended.id()) ? ended : hook).toList();
        touch();
    }

    boolean finished() {
        return finishedAt != null;
    }

    void touch() {
        updatedAt = Instant.now();
    }

    void shift(NativeDeployments.Fleet fleet, double greenWeight) {
        traffic.apply(fleet, greenWeight);
        weight = greenWeight;
        touch();
    }

    void finish(String outcome, String reason) {
        status = outcome;
        statusReason = reason;
        lifecycleStage = outcome.equals("SUCCESSFUL") ? "CLEAN_UP" : lifecycleStage;
        finishedAt = Instant.now();
        updatedAt = finishedAt;
    }

    /** As DescribeServiceDeployments shows it (ServiceDeployment, API reference). */
    ObjectNode json() {
        ObjectNode json = JSON.createObjectNode().put("serviceDeploymentArn", arn).put("serviceArn", serviceArn)
                .put("clusterArn", clusterArn).put("createdAt", seconds(createdAt))
                .put("startedAt", seconds(createdAt)).put("updatedAt", seconds(updatedAt))
                .put("status", status).put("lifecycleStage", lifecycleStage);
        Optional.ofNullable(statusReason).ifPresent(reason -> json.put("statusReason", reason));
        Optional.ofNullable(finishedAt).ifPresent(at -> json.put("finishedAt", seconds(at)));
        json.putArray("sourceServiceRevisions").add(summary(source, 100 - weight));
        json.set("targetServiceRevision", summary(target, weight));
        ArrayNode details = json.putArray("lifecycleHookDetails");
        hooks.forEach(hook -> details.addObject().put("hookId", hook.id()).put("targetType", "PAUSE")
                .put("status", hook.status()).put("expiresAt", seconds(hook.expiresAt()))
                .put("timeoutAction", hook.timeoutAction()));
        return json;
    }

    private ObjectNode summary(ServiceRevision revision, double productionWeight) {
        return JSON.createObjectNode().put("arn", revision.arn())
                .put("requestedTaskCount", service.desiredCount())
                .put("requestedProductionTrafficWeight", productionWeight);
    }

    /** As ListServiceDeployments shows it (ServiceDeploymentBrief). */
    ObjectNode brief() {
        ObjectNode json = JSON.createObjectNode().put("serviceDeploymentArn", arn).put("serviceArn", serviceArn)
                .put("clusterArn", clusterArn).put("createdAt", seconds(createdAt))
                .put("startedAt", seconds(createdAt)).put("targetServiceRevisionArn", target.arn())
                .put("status", status);
        Optional.ofNullable(statusReason).ifPresent(reason -> json.put("statusReason", reason));
        Optional.ofNullable(finishedAt).ifPresent(at -> json.put("finishedAt", seconds(at)));
        return json;
    }
}
