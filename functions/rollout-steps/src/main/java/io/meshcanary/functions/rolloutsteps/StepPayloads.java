package io.meshcanary.functions.rolloutsteps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.meshcanary.functions.rolloutsteps.StepRequest.StepContext;
import io.meshcanary.rollout.InvalidInputException;
import java.util.stream.Collectors;

/** Binds a Task state's payload to its {@link StepRequest}, and turns every way it can be wrong into a named field. */
final class StepPayloads {

    private static final JsonMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            // The workflow sends "canary" and "primary", the lower-case labels.
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private StepPayloads() {
    }

    static StepRequest read(JsonNode payload) {
        try {
            return JSON.treeToValue(payload, StepRequest.class);
        } catch (JsonProcessingException e) {
            throw named(e);
        }
    }

    static void require(Object value, String field) {
        if (value == null || value instanceof String text && text.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
    }

    static void onInput(String execution, ExecutionInput input) {
        require(execution, "execution");
        if (input == null) {
            throw new InvalidInputException("$", "the execution input must be a JSON object");
        }
    }

    static void onContext(String execution, StepContext context) {
        require(execution, "execution");
        if (context == null) {
            throw new InvalidInputException("context", "a step needs the cluster, app and spec Initialize returned");
        }
    }

    private static InvalidInputException named(JsonProcessingException failure) {
        // A record's constructor rejected its field; Jackson wraps that once per level it bound.
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidInputException invalid) {
                return invalid;
            }
        }
        if (failure instanceof InvalidTypeIdException typeId) {
            return typeId.getTypeId() == null ? new InvalidInputException("action", "is required")
                    : new InvalidInputException("action", "unknown step " + typeId.getTypeId());
        }
        if (failure instanceof UnrecognizedPropertyException unknown) {
            return new InvalidInputException(path(unknown), "is not a field of the %s payload; expected %s"
                    .formatted(unknown.getReferringClass().getSimpleName(), unknown.getKnownPropertyIds()));
        }
        if (failure instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return new InvalidInputException(path(mapping), failure.getOriginalMessage());
        }
        return new InvalidInputException("$", "the step payload is not valid: " + failure.getOriginalMessage());
    }

    private static String path(JsonMappingException failure) {
        return failure.getPath().stream().map(JsonMappingException.Reference::getFieldName)
                .collect(Collectors.joining("."));
    }
}
