package io.meshcanary.local.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * SAM policy templates, expanded as SAM expands them: the Definition from SAM's
 * {@code samtranslator/policy_templates_data/policy_templates.json}, with each {@code Ref} to a template parameter
 * replaced by the value the template gives it. Only the templates this project's template uses are here; another
 * fails with its name, so a new one is copied in from SAM rather than guessed.
 */
final class SamPolicyTemplates {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Copied from SAM's policy_templates.json. */
    private static final Map<String, String> DEFINITIONS = Map.of("LambdaInvokePolicy", """
            {"Statement": [{"Effect": "Allow", "Action": ["lambda:InvokeFunction"],
              "Resource": {"Fn::Sub": [
                "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${functionName}*",
                {"functionName": {"Ref": "FunctionName"}}]}}]}""");

    private SamPolicyTemplates() {
    }

    /** The statements of {@code name} with {@code parameters} in place of its parameters' Refs. */
    static ArrayNode expand(String name, JsonNode parameters, String path) {
        String definition = DEFINITIONS.get(name);
        if (definition == null) {
            throw new TemplateException(("%s: SAM policy template %s is not expanded by the local runtime; copy its"
                    + " Definition from SAM's policy_templates.json into SamPolicyTemplates").formatted(path, name));
        }
        try {
            JsonNode statements = JSON.readTree(definition).get("Statement");
            return (ArrayNode) substitute(statements, Nodes.object(parameters, path), path);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode substitute(JsonNode node, JsonNode parameters, String path) {
        if (node.isObject() && node.size() == 1 && node.has("Ref") && !node.get("Ref").asText().startsWith("AWS::")) {
            String parameter = node.get("Ref").asText();
            if (!parameters.has(parameter)) {
                throw new TemplateException("%s: the policy template needs parameter %s".formatted(path, parameter));
            }
            return parameters.get(parameter);
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(field ->
                    copy.set(field.getKey(), substitute(field.getValue(), parameters, path)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(substitute(item, parameters, path)));
            return copy;
        }
        return node;
    }
}
