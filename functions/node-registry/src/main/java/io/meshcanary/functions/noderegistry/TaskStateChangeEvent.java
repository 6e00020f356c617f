package io.meshcanary.functions.noderegistry;

import com.fasterxml.jackson.databind.JsonNode;
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
        if (event == null || !event.isObject()) {
            throw new InvalidEventException("$", "the event is not a JSON object");
        }
        String detailType = event.path("detail-type").asText(null);
        if (!DETAIL_TYPE.equals(detailType)) {
            throw new InvalidEventException("detail-type", "expected \"" + DETAIL_TYPE + "\", was " + detailType);
        }
        JsonNode detail = event.get("detail");
        if (detail == null || !detail.isObject()) {
            throw new InvalidEventException("detail", "is missing or not an object");
        }
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
        JsonNode value = detail.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new InvalidEventException("detail." + name, "is missing or not a string");
        }
        return value.asText();
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
