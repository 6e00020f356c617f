package io.meshcanary.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * An ECS Deployment State Change of one service, read from its EventBridge envelope.
 *
 * @param serviceArn the deployed service, {@code resources[0]}: the event names it nowhere else
 * @param reason ECS's explanation, empty when the event has none
 * @param time when ECS sent the event
 */
public record DeploymentStateChange(String serviceArn, String deploymentId, String reason, Instant time) {

    public static final String DETAIL_TYPE = "ECS Deployment State Change";

    /** @throws InvalidEventException naming the field that is missing, or an {@code eventName} other than expected */
    public static DeploymentStateChange read(JsonNode event, String expectedEventName) {
        JsonNode detail = EventBridgeEvents.detail(event, DETAIL_TYPE);
        String eventName = EventBridgeEvents.text(detail, "eventName", "detail.eventName");
        String deploymentId = EventBridgeEvents.text(detail, "deploymentId", "detail.deploymentId");
        String serviceArn = EventBridgeEvents.serviceArn(event);
        if (!expectedEventName.equals(eventName)) {
            throw new InvalidEventException("detail.eventName", "expected " + expectedEventName + ", was "
                    + eventName);
        }
        return new DeploymentStateChange(serviceArn, deploymentId, detail.path("reason").asText(""),
                EventBridgeEvents.time(event));
    }
}
