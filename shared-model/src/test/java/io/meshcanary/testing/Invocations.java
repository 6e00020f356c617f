package io.meshcanary.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshcanary.model.InvalidEventException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Invokes a handler as the Lambda runtime does: the event as a byte stream in, the JSON result read back. */
public final class Invocations {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Invocations() {
    }

    public static JsonNode invoke(RequestStreamHandler handler, String event, Context context) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.handleRequest(input(event), output, context);
        return JSON.readTree(output.toByteArray());
    }

    /** Invokes the handler with an event it must reject: the rejection, once checked that no result was written. */
    public static InvalidEventException rejection(RequestStreamHandler handler, String event, Context context) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        InvalidEventException error = catchThrowableOfType(InvalidEventException.class,
                () -> handler.handleRequest(input(event), output, context));
        assertThat(error).as("rejection of %s", event).isNotNull();
        assertThat(output.size()).as("bytes returned").isZero();
        return error;
    }

    public static InputStream input(String event) {
        return new ByteArrayInputStream(event.getBytes(UTF_8));
    }
}
