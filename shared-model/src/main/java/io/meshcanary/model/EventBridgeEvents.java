package io.meshcanary.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

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

    /** A required, non-blank string field of {@code node}, named by its path in the event. */
    public static String text(JsonNode node, String name, String path) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new InvalidEventException(path, "is missing or not a string");
        }
        return value.asText();
    }
}
