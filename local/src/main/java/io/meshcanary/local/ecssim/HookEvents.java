package io.meshcanary.local.ecssim;

import static io.meshcanary.local.ecssim.EcsJson.JSON;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/**
 * The event ECS puts on the bus when a pause hook starts waiting (Developer Guide, "Pause hooks for Amazon ECS service
 * deployments": detail-type {@code ECS Hook State Change}, event name {@code HOOK_AWAITING_ACTION}). The guide shows
 * no example detail; this one carries the hook's DeploymentLifecycleHookDetail fields beside the service deployment it
 * belongs to.
 */
final class HookEvents {

    private HookEvents() {
    }

    static ObjectNode awaiting(NativeDeployment deployment, PauseHook hook) {
        String[] arn = deployment.serviceArn.split(":");
        ObjectNode event = JSON.createObjectNode().put("version", "0").put("id", UUID.randomUUID().toString())
                .put("detail-type", "ECS Hook State Change").put("source", "aws.ecs").put("account", arn[4])
                .put("time", Instant.now().toString()).put("region", arn[3]);
        event.putArray("resources").add(deployment.serviceArn);
        event.putObject("detail").put("eventType", "INFO").put("eventName", "HOOK_AWAITING_ACTION")
                .put("clusterArn", deployment.clusterArn).put("serviceArn", deployment.serviceArn)
                .put("serviceDeploymentArn", deployment.arn).put("hookId", hook.id()).put("targetType", "PAUSE")
                .put("lifecycleStage", hook.stage()).put("status", hook.status())
                .put("expiresAt", hook.expiresAt().toString()).put("timeoutAction", hook.timeoutAction())
                .put("updatedAt", Instant.now().toString());
        return event;
    }
}
