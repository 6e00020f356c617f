package io.meshcanary.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The reference table of docs/canary-spec.md as the schema dictates it: one row per property path, e.g.
 * {@code analysis.metrics[].queries[].id}, with its type, default and description.
 */
final class SchemaReference {

    record Row(String path, String type, String defaultValue, String description) {

        String markdown() {
            return "| `%s` | %s | %s | %s |".formatted(path, type, defaultValue, description.replace("|", "\\|"));
        }
    }

    private SchemaReference() {
    }

    static List<Row> rows(JsonNode schema) {
        List<Row> rows = new ArrayList<>();
        walk(schema, schema, "", rows);
        return rows;
    }

    static final String BEGIN = "<!-- reference:begin -->";
    static final String END = "<!-- reference:end -->";

    /** The property paths a markdown document lists in its reference table, in order. */
    static List<String> documentedPaths(String markdown) {
        return documentedRows(markdown).stream().map(line -> line.substring(3, line.indexOf('`', 3))).toList();
    }

    /** The rows of the table between the reference markers; other tables of the document are prose. */
    static List<String> documentedRows(String markdown) {
        int begin = markdown.indexOf(BEGIN);
        int end = markdown.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException("the document has no " + BEGIN + " ... " + END + " section");
        }
        return markdown.substring(begin, end).lines().filter(line -> line.startsWith("| `")).toList();
    }

    private static void walk(JsonNode root, JsonNode node, String path, List<Row> rows) {
        JsonNode required = node.path("required");
        for (Map.Entry<String, JsonNode> property : node.path("properties").properties()) {
            JsonNode schema = resolved(root, property.getValue());
            String child = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
            rows.add(new Row(child, type(root, schema), defaultValue(schema, contains(required, property.getKey())),
                    schema.path("description").asText("")));
            walk(root, schema, child, rows);
            JsonNode items = resolved(root, schema.path("items"));
            if (items.has("properties")) {
                walk(root, items, child + "[]", rows);
            }
        }
    }

    /** A property's own keywords over those of the definition it refers to, as 2020-12 applies both. */
    static JsonNode resolved(JsonNode root, JsonNode schema) {
        if (!schema.has("$ref")) {
            return schema;
        }
        ObjectNode merged = (ObjectNode) root.at(schema.get("$ref").asText().substring(1)).deepCopy();
        schema.properties().forEach(keyword -> merged.set(keyword.getKey(), keyword.getValue()));
        merged.remove("$ref");
        return merged;
    }

    private static String type(JsonNode root, JsonNode schema) {
        if (schema.has("enum")) {
            StringJoiner choices = new StringJoiner(", ", "string: ", "");
            schema.get("enum").forEach(choice -> choices.add(choice.asText()));
            return choices.toString();
        }
        String type = schema.path("type").asText();
        return switch (type) {
            case "array" -> "list of " + type(root, resolved(root, schema.path("items")));
            case "object" -> schema.path("additionalProperties").isObject()
                    ? "map of " + type(root, resolved(root, schema.get("additionalProperties"))) : "object";
            case "integer", "number" -> type + range(schema);
            default -> type;
        };
    }

    private static String range(JsonNode schema) {
        if (schema.has("minimum") && schema.has("maximum")) {
            return " " + schema.get("minimum").asText() + "–" + schema.get("maximum").asText();
        }
        return schema.has("minimum") ? " ≥ " + schema.get("minimum").asText() : "";
    }

    private static String defaultValue(JsonNode schema, boolean required) {
        if (schema.has("default")) {
            return "`" + schema.get("default") + "`";
        }
        return required ? "required" : "—";
    }

    private static boolean contains(JsonNode names, String name) {
        for (JsonNode each : names) {
            if (each.asText().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
