package io.meshcanary.local.provision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshcanary.local.template.SamTranslation;
import io.meshcanary.local.template.TemplateException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What CloudFormation provisioned from SAM's output, read back through the services' APIs (sam_translate.py
 * {@code --deploy}): physical ids, parameter values, each function's configuration, the rules that deliver to a
 * function and each principal's role statements.
 *
 * @param roles by the physical name of the function or state machine the role belongs to
 */
public record ProvisionedStack(Map<String, String> parameters, Map<String, Resource> resources,
        List<Function> functions, List<Delivery> deliveries, Map<String, Role> roles) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A resource of the stack; {@code physicalId} is what its Ref returns. */
    public record Resource(String type, String physicalId) {
    }

    /** A function as GetFunctionConfiguration and its event invoke config answer. */
    public record Function(String name, String arn, String handler, int timeoutSeconds, int memoryMb,
            Map<String, String> environment, String role, int maximumRetryAttempts, int maximumEventAgeSeconds,
            String deadLetterQueueUrl) {
    }

    /** A rule that delivers to {@code functionName}, through the queue the function host reads. */
    public record Delivery(String ruleName, String queueUrl, String functionName) {
    }

    /** @param stateMachine whether the role is a state machine's (else a function's) */
    public record Role(String roleName, boolean stateMachine, JsonNode statements) {
    }

    /**
     * Creates the stack in moto from SAM's output, as {@code sam deploy} would, and reads back what it made.
     *
     * @param awsVariables the variables that point boto3 at moto
     * @param workDir where the script's output and errors are kept, for the runtime's logs
     */
    public static ProvisionedStack deploy(Path python, Path translated, String stackName,
            Map<String, String> parameters, Map<String, String> awsVariables, Path workDir) {
        String answer;
        try {
            answer = SamTranslation.run(python, awsVariables, workDir.resolve("deploy.err"),
                    "creating stack %s of %s".formatted(stackName, translated), "--deploy", translated.toString(),
                    stackName, JSON.writeValueAsString(parameters));
            return JSON.readValue(answer, ProvisionedStack.class);
        } catch (JsonProcessingException e) {
            throw new TemplateException("the stack's read-back is not what the runtime expects: " + e.getMessage(), e);
        }
    }

    /**
     * The environment all functions share: they run in one JVM locally, so a variable must have one value.
     */
    public Map<String, String> sharedEnvironment() {
        Map<String, String> variables = new LinkedHashMap<>();
        Map<String, String> setBy = new LinkedHashMap<>();
        for (Function function : functions) {
            function.environment().forEach((name, value) -> {
                String previous = variables.putIfAbsent(name, value);
                if (previous != null && !previous.equals(value)) {
                    throw new TemplateException(("%s's %s is '%s' but %s's is '%s': all functions share one JVM"
                            + " locally, so a variable must have one value")
                            .formatted(function.name(), name, value, setBy.get(name), previous));
                }
                setBy.putIfAbsent(name, function.name());
            });
        }
        return variables;
    }
}
