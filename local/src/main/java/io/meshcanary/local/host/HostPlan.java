package io.meshcanary.local.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the supervisor tells the function host to run, as JSON in the state folder: the proxy port, where moto
 * listens, the functions and the queues their EventBridge rules deliver to.
 *
 * @param sampleEvents the template's {@code events/} folder; when there is one, the ECS simulator runs and
 *     shapes its events on those samples
 * @param roles the IAM role of each function and state machine, by its name, or null when IAM is not enforced
 */
public record HostPlan(
        int proxyPort, String backendEndpoint, String region, String accountId, List<HostedFunction> functions,
        List<RuleSubscription> subscriptions, String sampleEvents, Map<String, RolePolicy> roles) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public HostPlan {
        functions = List.copyOf(functions);
        subscriptions = List.copyOf(subscriptions);
    }

    /**
     * @param deadLetterQueueUrl the SQS queue that receives events whose asynchronous invocation failed, or null
     */
    public record HostedFunction(
            String name, String arn, String handlerClass, int timeoutSeconds, int memoryMb,
            int maximumRetryAttempts, int maximumEventAgeSeconds, String deadLetterQueueUrl) {
    }

    /**
     * A role and its policy's statements, resolved.
     *
     * @param stateMachine whether a state machine assumes it (else a function)
     */
    public record RolePolicy(String roleName, boolean stateMachine, JsonNode statements) {
    }

    /** The events a rule matched wait in this queue until the host invokes the function with them. */
    public record RuleSubscription(String ruleName, String queueUrl, String functionName) {
    }

    public void write(Path file) {
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write host plan " + file, e);
        }
    }

    public static HostPlan read(Path file) {
        try {
            return JSON.readValue(file.toFile(), HostPlan.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read host plan " + file, e);
        }
    }
}
