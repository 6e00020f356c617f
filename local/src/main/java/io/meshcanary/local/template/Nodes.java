package io.meshcanary.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Typed reads of template values that fail with the path of the value. */
public final class Nodes {
    private Nodes() {
    }

    /** A scalar as text: template authors write numbers and booleans where AWS expects strings. */
    public static String text(JsonNode node, String path) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            throw new TemplateException("%s: expected a string, got %s".formatted(path, describe(node)));
        }
        return node.asText();
    }

    public static int integer(JsonNode node, String path) {
        if (node != null && node.isIntegralNumber()) {
            return node.intValue();
        }
        if (node != null && node.isTextual() && node.asText().matches("-?\\d+")) {
            return Integer.parseInt(node.asText());
        }
        throw new TemplateException("%s: expected an integer, got %s".formatted(path, describe(node)));
    }

    public static JsonNode object(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new TemplateException("%s: expected a mapping, got %s".formatted(path, describe(node)));
        }
        return node;
    }

    /**
     * Rejects the first field of the mapping {@code node}, at {@code path}, that is not in {@code allowed}: the local
     * runtime would otherwise ignore what the template asks of AWS.
     */
    public static void requireOnly(JsonNode node, Set<String> allowed, String path) {
        for (String name : fieldNames(node)) {
            if (!allowed.contains(name)) {
                throw new TemplateException("%s.%s is not supported by the local runtime".formatted(path, name));
            }
        }
    }

    public static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static String describe(JsonNode node) {
        return node == null || node.isMissingNode() ? "nothing" : node.getNodeType().toString().toLowerCase();
    }
}
