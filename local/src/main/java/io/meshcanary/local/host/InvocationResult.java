package io.meshcanary.local.host;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/** The outcome of one invocation, as Lambda reports it to the caller. */
sealed interface InvocationResult {

    String requestId();

    record Success(String requestId, byte[] output) implements InvocationResult {
    }

    /**
     * A function error. The body has the Java runtime's shape: errorType is the exception's class name, which the
     * Step Functions interpreter uses as the error name that Retry and Catch match.
     */
    record Failure(String requestId, String errorType, ObjectNode body) implements InvocationResult {
        private static final ObjectMapper JSON = new ObjectMapper();
        /** What Lambda reports, and Step Functions matches, when a function runs past its timeout. */
        static final String TIMEOUT_ERROR_TYPE = "Sandbox.Timedout";

        static Failure of(String requestId, Throwable error) {
            return new Failure(requestId, error.getClass().getName(), describe(error));
        }

        static Failure timeout(String requestId, Duration timeout) {
            ObjectNode body = JSON.createObjectNode()
                    .put("errorType", TIMEOUT_ERROR_TYPE)
                    .put("errorMessage", "RequestId: %s Error: Task timed out after %d.00 seconds"
                            .formatted(requestId, timeout.toSeconds()));
            return new Failure(requestId, TIMEOUT_ERROR_TYPE, body);
        }

        String errorMessage() {
            return body.path("errorMessage").asText(errorType);
        }

        byte[] toJson() {
            return body.toString().getBytes(StandardCharsets.UTF_8);
        }

        private static ObjectNode describe(Throwable error) {
            ObjectNode body = JSON.createObjectNode();
            if (error.getMessage() != null) {
                body.put("errorMessage", error.getMessage());
            }
            body.put("errorType", error.getClass().getName());
            Arrays.stream(error.getStackTrace()).map(StackTraceElement::toString)
                    .forEach(body.putArray("stackTrace")::add);
            if (error.getCause() != null && error.getCause() != error) {
                body.set("cause", describe(error.getCause()));
            }
            return body;
        }
    }
}
