package io.meshcanary.functions.noderegistry;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshcanary.model.EventBridgeEvents;
import io.meshcanary.model.InvalidEventException;
import io.meshcanary.registry.PortBinding;
import io.meshcanary.registry.TaskChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads an EventBridge "ECS Task State Change" event into a {@link TaskChange}, naming any field it lacks. */
final class TaskStateChangeEvent {

    static final String DETAIL_TYPE = "ECS Task State Change";

    private TaskStateChangeEvent() {
    }

    static TaskChange read(JsonNode event) {
        JsonNode detail = EventBridgeEvents.detail(event, DETAIL_TYPE);
        return new TaskChange(
                requiredText(detail, "taskArn"),
                requiredText(detail, "clusterArn"),
                detail.path("group").asText(null),
                requiredText(detail, "taskDefinitionArn"),
                eniAddress(detail),
                bindings(detail),
                Optional.ofNullable(detail.path("containerInstanceArn").asText(null)));
    }

    private static String requiredText(JsonNode detail, String name) {
        return EventBridgeEvents.text(detail, name, "detail." + name);
    }

    private static Optional<String> eniAddress(JsonNode detail) {
        for (JsonNode attachment : detail.path("attachments")) {
            for (JsonNode entry : attachment.path("details")) {
                if ("privateIPv4Address".equals(entry.path("name").asText()) && !entry.path("value").asText().isBlank()) {
                    return Optional.of(entry.path("value").asText());
                }
            }
        }
        return Optional.empty();
    }

    private static List<PortBinding> bindings(JsonNode detail) {
        List<PortBinding> bindings = new ArrayList<>();
        for (JsonNode container : detail.path("containers")) {
            for (JsonNode binding : container.path("networkBindings")) {
                if (!binding.path("containerPort").canConvertToInt() || !binding.path("hostPort").canConvertToInt()) {
                    throw new InvalidEventException("detail.containers[].networkBindings[]",
                            "containerPort and hostPort must be numbers");
                }
                bindings.add(new PortBinding(binding.path("bindIP").asText(null),
                        binding.path("containerPort").intValue(), binding.path("hostPort").intValue()));
            }
        }
        return bindings;
    }
}
