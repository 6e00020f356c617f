package io.meshcanary.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    public static InputStream input(String event) {
        return new ByteArrayInputStream(event.getBytes(UTF_8));
    }
}
