package io.meshcanary.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.local.template.FunctionCatalog;
import io.meshcanary.local.template.PhysicalResource;
import io.meshcanary.local.template.RuleDefinition;
import io.meshcanary.local.template.Stack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The files a test or a person reads to find the runtime's resources: resources.json (physical names by logical
 * id) and env.sh (the variables to export in another shell). resources.json is written last, so its presence
 * means the runtime is ready.
 */
final class RuntimeState {
    static final String RESOURCES_FILE = "resources.json";
    static final String ENV_FILE = "env.sh";
    static final String FUNCTION_LOG = "functions.log";
    static final String RUNTIME_LOG = "runtime.log";
    static final String MOTO_LOG = "moto.log";
    static final String HOST_PLAN = "host-plan.json";
    /** The folder of the decoded and translated templates that SAM's tools made of template.yaml. */
    static final String TEMPLATES = "templates";
    /** The type SAM gives the rule it generates for an EventBridgeRule event. */
    private static final String RULE_TYPE = "AWS::Events::Rule";

    private static final ObjectMapper JSON = new ObjectMapper();

    private RuntimeState() {
    }

    static void write(Path stateDir, Stack stack, FunctionCatalog catalog, Map<String, String> exports,
            Map<String, Long> processes) {
        ObjectNode state = JSON.createObjectNode();
        state.put("endpoint", stack.environment().endpoint().toString());
        state.put("region", stack.environment().region());
        state.put("accountId", stack.environment().accountId());
        state.put("stateDir", stateDir.toString());
        state.put("functionLog", stateDir.resolve(FUNCTION_LOG).toString());
        state.set("processes", JSON.valueToTree(processes));
        state.set("parameters", JSON.valueToTree(stack.parameters()));
        ObjectNode resources = state.putObject("resources");
        stack.resources().values().forEach(resource -> resources.set(resource.logicalId(), describe(resource)));
        catalog.functions().forEach(function -> function.rules().forEach(rule ->
                resources.set(rule.logicalId(), describe(rule(rule)))));
        writeAtomically(stateDir.resolve(ENV_FILE), exports.entrySet().stream()
                .map(variable -> "export %s='%s'%n".formatted(variable.getKey(), variable.getValue()))
                .collect(Collectors.joining()));
        writeAtomically(stateDir.resolve(RESOURCES_FILE), state.toPrettyString());
    }

    private static PhysicalResource rule(RuleDefinition rule) {
        return new PhysicalResource(rule.logicalId(), RULE_TYPE, rule.name(), rule.name(), Map.of(
                "Arn", rule.arn(),
                "EventBusName", rule.eventBusName(),
                // Not a CloudFormation attribute: the queue from which the function host takes the rule's events.
                "LocalTargetQueueUrl", rule.targetQueueUrl()));
    }

    private static ObjectNode describe(PhysicalResource resource) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", resource.type());
        node.put("name", resource.name());
        node.put("ref", resource.ref());
        node.set("attributes", JSON.valueToTree(new TreeMap<>(resource.attributes())));
        return node;
    }

    private static void writeAtomically(Path file, String content) {
        try {
            Path temporary = Files.writeString(file.resolveSibling(file.getFileName() + ".tmp"), content);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
