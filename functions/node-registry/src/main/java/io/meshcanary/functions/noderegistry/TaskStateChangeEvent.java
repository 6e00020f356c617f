package io.meshcanary.functions.noderegistry;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshcanary.model.EventBridgeEvents;
import io.meshcanary.model.InvalidEventException;
import io.meshcanary.registry.PortBinding;
import io.meshcanary.registry.TaskChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Reads an EventBridge "ECS Task State Change" event into a {@link TaskChange}, naming any field it lacks. */
final class TaskStateChangeEvent {

    static final String DETAIL_TYPE = "ECS Task State Change";
    /**
     * Stops that ECS or a user asked for. A container answers such a stop with whatever its SIGTERM handling or the
     * SIGKILL after the stop timeout gives, often non-zero: that is no crash. Only a failed health check, which ECS
     * also reports as a scheduler stop, is one.
     */
    private static final Set<String> REQUESTED_STOPS = Set.of("ServiceSchedulerInitiated", "UserInitiated",
            "SpotInterruption", "TerminationNotice");

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
                Optional.ofNullable(detail.path("containerInstanceArn").asText(null)),
                failure(detail));
    }

    /** Why a STOPPED task failed, or empty when it did not stop or stopped cleanly. */
    private static Optional<String> failure(JsonNode detail) {
        if (!"STOPPED".equals(detail.path("lastStatus").asText())) {
            return Optional.empty();
        }
        String stopCode = detail.path("stopCode").asText("");
        String stoppedReason = detail.path("stoppedReason").asText("");
        if (stoppedReason.toLowerCase(Locale.ROOT).contains("health check")) {
            return Optional.of("failed a health check: " + stoppedReason);
        }
        if (REQUESTED_STOPS.contains(stopCode)) {
            return Optional.empty();
        }
        if ("TaskFailedToStart".equals(stopCode)) {
            return Optional.of("failed to start: " + stoppedReason);
        }
        JsonNode containers = detail.path("containers");
        for (int i = 0; i < containers.size(); i++) {
            JsonNode container = containers.get(i);
            JsonNode exitCode = container.path("exitCode");
            if (exitCode.isMissingNode() || exitCode.isNull()) {
                continue;
            }
            if (!exitCode.canConvertToInt() || !exitCode.isIntegralNumber()) {
                throw new InvalidEventException("detail.containers[%d].exitCode".formatted(i), "must be a number");
            }
            boolean essential = container.path("essential").asBoolean(true);
            if (essential && exitCode.intValue() != 0) {
                return Optional.of("container %s exited with code %d".formatted(
                        container.path("name").asText("#" + i), exitCode.intValue()));
            }
        }
        if ("UNHEALTHY".equals(detail.path("healthStatus").asText())
                || containers.findValuesAsText("healthStatus").contains("UNHEALTHY")) {
            return Optional.of("stopped unhealthy: " + stoppedReason);
        }
        return Optional.empty();
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
