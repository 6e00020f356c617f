package io.meshcanary.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.local.provision.ProvisionedStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The files a test or a person reads to find the runtime's resources: resources.json (physical ids by logical
 * id, as CloudFormation made them) and env.sh (the variables to export in another shell). resources.json is written
 * last, so its presence means the runtime is ready.
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

    private static final ObjectMapper JSON = new ObjectMapper();

    private RuntimeState() {
    }

    static void write(Path stateDir, URI endpoint, ProvisionedStack stack, Map<String, String> exports,
            Map<String, Long> processes) {
        ObjectNode state = JSON.createObjectNode();
        state.put("endpoint", endpoint.toString());
        state.put("region", LocalRuntime.REGION);
        state.put("accountId", LocalRuntime.ACCOUNT_ID);
        state.put("stateDir", stateDir.toString());
        state.put("functionLog", stateDir.resolve(FUNCTION_LOG).toString());
        state.set("processes", JSON.valueToTree(processes));
        state.set("parameters", JSON.valueToTree(new TreeMap<>(stack.parameters())));
        ObjectNode resources = state.putObject("resources");
        stack.resources().forEach((logicalId, resource) -> resources.putObject(logicalId)
                .put("type", resource.type())
                .put("ref", resource.physicalId()));
        writeAtomically(stateDir.resolve(ENV_FILE), exports.entrySet().stream()
                .map(variable -> "export %s='%s'%n".formatted(variable.getKey(), variable.getValue()))
                .collect(Collectors.joining()));
        writeAtomically(stateDir.resolve(RESOURCES_FILE), state.toPrettyString());
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
