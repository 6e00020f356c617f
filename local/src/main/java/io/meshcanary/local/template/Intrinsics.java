package io.meshcanary.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the intrinsic functions the template uses (Ref, Fn::GetAtt, Fn::Sub) against the local stack.
 * Any other function fails with the path where it appears, so nothing reaches a function or moto half-resolved.
 */
public final class Intrinsics {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private final Stack stack;

    Intrinsics(Stack stack) {
        this.stack = stack;
    }

    public JsonNode resolve(JsonNode node, String path) {
        if (node.isObject() && node.size() == 1) {
            String key = node.fieldNames().next();
            if (key.equals("Ref") || key.startsWith("Fn::")) {
                return TextNode.valueOf(intrinsic(key, node.get(key), path));
            }
        }
        if (node.isObject()) {
            ObjectNode resolved = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(field ->
                    resolved.set(field.getKey(), resolve(field.getValue(), path + "." + field.getKey())));
            return resolved;
        }
        if (node.isArray()) {
            ArrayNode resolved = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                resolved.add(resolve(node.get(i), "%s[%d]".formatted(path, i)));
            }
            return resolved;
        }
        return node;
    }

    /** Resolves a value that must end up a string, such as an environment variable or an ARN. */
    public String resolveText(JsonNode node, String path) {
        return Nodes.text(resolve(node, path), path);
    }

    private String intrinsic(String function, JsonNode argument, String path) {
        String at = path + "." + function;
        return switch (function) {
            case "Ref" -> stack.ref(Nodes.text(argument, at), at);
            case "Fn::GetAtt" -> getAtt(argument, at);
            case "Fn::Sub" -> sub(argument, at);
            default -> throw new TemplateException(
                    "%s: %s is not supported by the local runtime (it resolves Ref, Fn::GetAtt and Fn::Sub)"
                            .formatted(at, function));
        };
    }

    private String getAtt(JsonNode argument, String path) {
        if (argument.isArray() && argument.size() == 2) {
            return stack.getAtt(Nodes.text(argument.get(0), path), Nodes.text(argument.get(1), path), path);
        }
        if (argument.isTextual() && argument.asText().contains(".")) {
            String[] parts = argument.asText().split("\\.", 2);
            return stack.getAtt(parts[0], parts[1], path);
        }
        throw new TemplateException(path + ": expected [LogicalId, Attribute]");
    }

    private String sub(JsonNode argument, String path) {
        String text;
        JsonNode variables;
        if (argument.isTextual()) {
            text = argument.asText();
            variables = JsonNodeFactory.instance.objectNode();
        } else if (argument.isArray() && argument.size() == 2 && argument.get(0).isTextual()) {
            text = argument.get(0).asText();
            variables = Nodes.object(argument.get(1), path + "[1]");
        } else {
            throw new TemplateException(path + ": expected a string, or [string, {variables}]");
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(result, Matcher.quoteReplacement(subVariable(matcher.group(1), variables, path)));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private String subVariable(String name, JsonNode variables, String path) {
        if (name.startsWith("!")) {
            return "${" + name.substring(1) + "}";
        }
        if (variables.has(name)) {
            return resolveText(variables.get(name), "%s[1].%s".formatted(path, name));
        }
        if (name.contains(".")) {
            String[] parts = name.split("\\.", 2);
            return stack.getAtt(parts[0], parts[1], path + " ${" + name + "}");
        }
        return stack.ref(name, path + " ${" + name + "}");
    }

    static Map<String, String> pseudoParameters(StackEnvironment env) {
        return Map.of(
                "AWS::Region", env.region(),
                "AWS::AccountId", env.accountId(),
                "AWS::Partition", "aws",
                "AWS::URLSuffix", "amazonaws.com",
                "AWS::StackName", env.stackName(),
                "AWS::StackId", env.arn("cloudformation", "stack/%s/local".formatted(env.stackName())));
    }
}
