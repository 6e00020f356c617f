package io.meshcanary.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/**
 * The template's Conditions, evaluated against the stack's parameters as CloudFormation evaluates them (Fn::Equals,
 * Fn::And, Fn::Or, Fn::Not, Condition), and {@code Fn::If} chosen by them, with {@code Ref: AWS::NoValue} removing
 * the property or list item it stands for.
 */
public final class TemplateConditions {
    private static final String NO_VALUE = "AWS::NoValue";

    private final JsonNode section;
    private final Intrinsics intrinsics;
    private final Map<String, Boolean> values = new HashMap<>();

    public TemplateConditions(Template template, Stack stack) {
        this.section = template.conditions();
        this.intrinsics = stack.intrinsics();
    }

    public boolean value(String name, String path) {
        Boolean known = values.get(name);
        if (known != null) {
            return known;
        }
        if (!section.has(name)) {
            throw new TemplateException("%s: condition %s is not declared in Conditions".formatted(path, name));
        }
        boolean value = evaluate(section.get(name), "Conditions." + name);
        values.put(name, value);
        return value;
    }

    private boolean evaluate(JsonNode node, String path) {
        if (!node.isObject() || node.size() != 1) {
            throw new TemplateException(path + ": expected one condition function");
        }
        String function = node.fieldNames().next();
        JsonNode argument = node.get(function);
        String at = path + "." + function;
        return switch (function) {
            case "Condition" -> value(Nodes.text(argument, at), at);
            case "Fn::Equals" -> intrinsics.resolveText(argument.path(0), at + "[0]")
                    .equals(intrinsics.resolveText(argument.path(1), at + "[1]"));
            case "Fn::Not" -> !evaluate(argument.path(0), at + "[0]");
            case "Fn::And" -> all(argument, at, true);
            case "Fn::Or" -> !all(argument, at, false);
            default -> throw new TemplateException("%s: %s is not a condition function".formatted(path, function));
        };
    }

    /** Fn::And is "every one is true"; Fn::Or is "not every one is false". */
    private boolean all(JsonNode conditions, String path, boolean expected) {
        for (int i = 0; i < conditions.size(); i++) {
            if (evaluate(conditions.get(i), "%s[%d]".formatted(path, i)) != expected) {
                return false;
            }
        }
        return true;
    }

    /** A copy of {@code node} with every Fn::If replaced by its chosen branch and AWS::NoValue removed. */
    public JsonNode choose(JsonNode node, String path) {
        if (node.isObject() && node.size() == 1 && node.has("Fn::If")) {
            JsonNode arguments = node.get("Fn::If");
            if (!arguments.isArray() || arguments.size() != 3) {
                throw new TemplateException(path + ".Fn::If: expected [Condition, ValueIfTrue, ValueIfFalse]");
            }
            boolean condition = value(Nodes.text(arguments.get(0), path + ".Fn::If[0]"), path);
            return choose(arguments.get(condition ? 1 : 2), path + ".Fn::If[%d]".formatted(condition ? 1 : 2));
        }
        if (node.isObject()) {
            ObjectNode chosen = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(field -> {
                JsonNode value = choose(field.getValue(), path + "." + field.getKey());
                if (!isNoValue(value)) {
                    chosen.set(field.getKey(), value);
                }
            });
            return chosen;
        }
        if (node.isArray()) {
            ArrayNode chosen = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                JsonNode value = choose(node.get(i), "%s[%d]".formatted(path, i));
                if (!isNoValue(value)) {
                    chosen.add(value);
                }
            }
            return chosen;
        }
        return node;
    }

    private static boolean isNoValue(JsonNode node) {
        return node.isObject() && node.size() == 1 && NO_VALUE.equals(node.path("Ref").asText(null));
    }
}
