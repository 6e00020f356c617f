package io.meshcanary.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshcanary.nativemode.PauseHook;
import java.util.Optional;

/**
 * An ECS Hook State Change: a lifecycle hook of a service deployment started waiting ({@code HOOK_AWAITING_ACTION}).
 * ECS's developer guide ("Pause hooks for Amazon ECS service deployments") names the event but shows no detail; the
 * fields read here are those of the hook's DeploymentLifecycleHookDetail and its service deployment.
 *
 * @param serviceArn the deployed service, {@code resources[0]}
 * @param hook the hook's fields the event carries: {@code targetType}, {@code lifecycleStage} and, where present,
 *             {@code hookDetails}
 */
public record HookStateChange(String serviceArn, String serviceDeploymentArn, String hookId, JsonNode hook) {

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
                EventBridgeEvents.text(detail, "hookId", "detail.hookId"), detail);
    }

    /**
     * Why the waiting hook is not meshcanary's pause hook, if the event tells: a hook of another target type (a
     * Lambda hook), a stage meshcanary's hook does not stop at, or {@code hookDetails} without meshcanary's marker.
     * Two pause hooks at the same stage look alike in the event when it carries no {@code hookDetails}.
     */
    public Optional<String> notMeshcanarys() {
        String targetType = hook.path("targetType").asText(PauseHook.TARGET_TYPE);
        if (!PauseHook.TARGET_TYPE.equals(targetType)) {
            return Optional.of("hook %s is a %s hook, not meshcanary's pause".formatted(hookId, targetType));
        }
        String stage = hook.path("lifecycleStage").asText(null);
        if (stage != null && !PauseHook.STAGES.contains(stage)) {
            return Optional.of("hook %s pauses at %s, where meshcanary's pause hook does not stop (it stops at %s)"
                    .formatted(hookId, stage, String.join(" and ", PauseHook.STAGES)));
        }
        JsonNode details = hook.path("hookDetails");
        if (!details.isMissingNode() && !PauseHook.MARKER_VALUE.equals(details.path(PauseHook.MARKER_KEY).asText())) {
            return Optional.of("hook %s has hookDetails %s, without meshcanary's %s=%s"
                    .formatted(hookId, details, PauseHook.MARKER_KEY, PauseHook.MARKER_VALUE));
        }
        return Optional.empty();
    }
}
