package io.meshcanary.functions.rolloutsteps;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import io.meshcanary.rollout.InvalidInputException;
import io.meshcanary.rollout.OperatorCommand;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The input of a canary workflow execution, automatic or manual:
 * {@code {"cluster": "shop", "service": "orders", "deploymentId": "ecs-svc/1", "spec": {...}, "action": "abort"}}.
 * Only cluster and service are required. Any other field is a mistake worth naming, not something to ignore.
 *
 * @param spec the inline canary spec of a manual execution; without one, the stored spec applies
 * @param action {@code abort}, {@code approve} or {@code promote} to steer a running rollout; {@code offboard}
 *        to give the service back to the team
 * @param reason why an operator aborts, kept as the rollout's reason
 */
record ExecutionInput(String cluster, String service, Optional<String> deploymentId, Optional<JsonNode> spec,
        Optional<String> action, Optional<String> reason) {

    private static final Set<String> FIELDS = Set.of("cluster", "service", "deploymentId", "spec", "action", "reason");
    /** The action that starts an offboarding rather than steering a rollout. */
    static final String OFFBOARD = "offboard";
    /** What the workflow's Command state matches: the operator's commands and offboarding. */
    static final Set<String> ACTIONS = Stream.concat(OperatorCommand.labels().stream(), Stream.of(OFFBOARD))
            .collect(Collectors.toUnmodifiableSet());
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_-]{0,254}$");

    /** Jackson hands the Payload's {@code input} here, so that its fields are named as the user spelt them. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ExecutionInput read(JsonNode input) {
        if (input == null || !input.isObject()) {
            throw new InvalidInputException("$", "the execution input must be a JSON object");
        }
        for (Iterator<String> names = input.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidInputException(name, "is not a field of the execution input; expected " + FIELDS);
            }
        }
        Optional<JsonNode> spec = Optional.ofNullable(input.get("spec")).filter(node -> !node.isNull());
        if (spec.isPresent() && !spec.get().isObject()) {
            throw new InvalidInputException("spec", "must be a JSON object, the canary spec");
        }
        Optional<String> action = optionalText(input, "action");
        if (action.isPresent() && !ACTIONS.contains(action.get())) {
            throw new InvalidInputException("action", "must be one of " + ACTIONS + ", was " + action.get());
        }
        return new ExecutionInput(name(input, "cluster"), name(input, "service"), optionalText(input, "deploymentId"),
                spec, action, optionalText(input, "reason"));
    }

    private static String name(JsonNode input, String field) {
        String value = optionalText(input, field)
                .orElseThrow(() -> new InvalidInputException(field, "is required"));
        if (!NAME.matcher(value).matches()) {
            throw new InvalidInputException(field, "is not an ECS name: " + value);
        }
        return value;
    }

    private static Optional<String> optionalText(JsonNode input, String field) {
        JsonNode value = input.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new InvalidInputException(field, "must be a non-empty string");
        }
        return Optional.of(value.asText());
    }
}
