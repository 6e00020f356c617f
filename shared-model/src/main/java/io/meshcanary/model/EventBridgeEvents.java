package io.meshcanary.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reads the EventBridge envelope every handler receives, naming what is wrong with it. */
public final class EventBridgeEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventBridgeEvents() {
    }

    public static JsonNode read(InputStream input) {
        try {
            return JSON.readTree(input);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("$", "the event is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("read the event", e);
        }
    }

    /** The event's {@code detail}, once its {@code detail-type} is the one the handler serves. */
    public static JsonNode detail(JsonNode event, String detailType) {
        if (event == null || !event.isObject()) {
            throw new InvalidEventException("$", "the event is not a JSON object");
        }
        String actual = event.path("detail-type").asText(null);
        if (!detailType.equals(actual)) {
            throw new InvalidEventException("detail-type", "expected \"" + detailType + "\", was " + actual);
        }
        JsonNode detail = event.get("detail");
        if (detail == null || !detail.isObject()) {
            throw new InvalidEventException("detail", "is missing or not an object");
        }
        return detail;
    }

    /** The event's {@code resources[0]}, the ECS service an ECS Deployment State Change is about. */
    public static String serviceArn(JsonNode event) {
        JsonNode resources = event.path("resources");
        if (!resources.isArray() || resources.isEmpty() || !resources.get(0).isTextual()) {
            throw new InvalidEventException("resources[0]", "is missing: it names the deployed ECS service");
        }
        return resources.get(0).asText();
    }

    /** When the source sent the event, its {@code time}. */
    public static Instant time(JsonNode event) {
        String time = text(event, "time", "time");
        try {
            return Instant.parse(time);
        } catch (DateTimeParseException e) {
            throw new InvalidEventException("time", "must be an ISO-8601 instant, was " + time, e);
        }
    }

    /** A required, non-blank string field of {@code node}, named by its path in the event. */
    public static String text(JsonNode node, String name, String path) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new InvalidEventException(path, "is missing or not a string");
        }
        return value.asText();
    }
}
