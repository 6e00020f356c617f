package io.meshcanary.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An ECS Hook State Change: a lifecycle hook of a service deployment started waiting ({@code HOOK_AWAITING_ACTION}).
 * ECS's developer guide ("Pause hooks for Amazon ECS service deployments") names the event but shows no detail; the
 * fields read here are those of the hook's DeploymentLifecycleHookDetail and its service deployment.
 *
 * @param serviceArn the deployed service, {@code resources[0]}
 */
public record HookStateChange(String serviceArn, String serviceDeploymentArn, String hookId) {

    public static final String DETAIL_TYPE = "ECS Hook State Change";
    public static final String AWAITING_ACTION = "HOOK_AWAITING_ACTION";

    /** @throws InvalidEventException naming the field that is missing, or an {@code eventName} other than awaiting */
    public static HookStateChange read(JsonNode event) {
        JsonNode detail = EventBridgeEvents.detail(event, DETAIL_TYPE);
        String eventName = EventBridgeEvents.text(detail, "eventName", "detail.eventName");
        if (!AWAITING_ACTION.equals(eventName)) {
            throw new InvalidEventException("detail.eventName", "expected " + AWAITING_ACTION + ", was " + eventName);
        }
        return new HookStateChange(EventBridgeEvents.serviceArn(event),
                EventBridgeEvents.text(detail, "serviceDeploymentArn", "detail.serviceDeploymentArn"),
                EventBridgeEvents.text(detail, "hookId", "detail.hookId"));
    }
}
