package io.meshcanary.it;

import static io.meshcanary.it.Emulator.AWS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.meshcanary.local.StackResources;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Invokes the stack's functions directly, as an operator does with {@code aws lambda invoke}: for a schedule, which
 * never fires locally, or for a manual run.
 */
final class Functions {

    private Functions() {
    }

    /** A synchronous invocation of the template's function {@code logicalId}; a function error is in the result. */
    static Invocation invoke(String logicalId, String payload) {
        InvokeResponse response = AWS.lambda.invoke(request -> request.functionName(StackResources.ref(logicalId))
                .payload(SdkBytes.fromUtf8String(payload)));
        try {
            String result = response.payload().asUtf8String();
            return new Invocation(response.functionError(), SampleEvents.JSON.readTree(result));
        } catch (JsonProcessingException e) {
            throw new AssertionError("%s returned no JSON: %s".formatted(logicalId, response.payload().asUtf8String()),
                    e);
        }
    }

    /** @param functionError null when the function returned, {@code Unhandled} when it threw */
    record Invocation(String functionError, JsonNode payload) {

        /** The result of an invocation that must have succeeded. */
        JsonNode result() {
            if (functionError != null) {
                throw new AssertionError("the function failed: " + payload);
            }
            return payload;
        }
    }
}
