package io.meshcanary.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/** Reads typed fields of a JSON object and names the full path of any field that is missing or mistyped. */
final class JsonFields {

    private final JsonNode node;
    private final String path;

    JsonFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    static JsonFields root(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new InvalidSpecException("$", "must be a JSON object");
        }
        return new JsonFields(node, "");
    }

    String pathOf(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    JsonFields object(String name) {
        JsonNode child = node.get(name);
        if (child == null || child.isNull()) {
            throw new InvalidSpecException(pathOf(name), "is required");
        }
        if (!child.isObject()) {
            throw new InvalidSpecException(pathOf(name), "must be an object");
        }
        return new JsonFields(child, pathOf(name));
    }

    boolean has(String name) {
        JsonNode child = node.get(name);
        return child != null && !child.isNull();
    }

    String text(String name) {
        JsonNode child = node.get(name);
        if (child == null || child.isNull()) {
            throw new InvalidSpecException(pathOf(name), "is required");
        }
        if (!child.isTextual() || child.asText().isBlank()) {
            throw new InvalidSpecException(pathOf(name), "must be a non-empty string");
        }
        return child.asText();
    }

    String text(String name, String fallback) {
        return has(name) ? text(name) : fallback;
    }

    int integer(String name, int min, int max) {
        JsonNode child = node.get(name);
        if (child == null || child.isNull()) {
            throw new InvalidSpecException(pathOf(name), "is required");
        }
        if (!child.canConvertToInt() || !child.isIntegralNumber()) {
            throw new InvalidSpecException(pathOf(name), "must be an integer");
        }
        int value = child.intValue();
        if (value < min || value > max) {
            throw new InvalidSpecException(pathOf(name), "must be between %d and %d, was %d".formatted(min, max, value));
        }
        return value;
    }

    int integer(String name, int min, int max, int fallback) {
        return has(name) ? integer(name, min, max) : fallback;
    }

    List<String> texts(String name) {
        return list(name, (element, elementPath) -> {
            if (!element.isTextual() || element.asText().isBlank()) {
                throw new InvalidSpecException(elementPath, "must be a non-empty string");
            }
            return element.asText();
        });
    }

    <T> List<T> list(String name, BiFunction<JsonNode, String, T> element) {
        if (!has(name)) {
            return List.of();
        }
        JsonNode child = node.get(name);
        if (!child.isArray()) {
            throw new InvalidSpecException(pathOf(name), "must be an array");
        }
        List<T> values = new ArrayList<>();
        for (int i = 0; i < child.size(); i++) {
            values.add(element.apply(child.get(i), pathOf(name) + "[" + i + "]"));
        }
        return List.copyOf(values);
    }
}
