package io.meshcanary.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Answers {"echo": input, "greeting": $GREETING, "function": name}; {"fail": "why"} makes it throw, and
 * {"sleepMs": n} makes it sleep first, to run past its timeout.
 */
public final class EchoHandler implements RequestStreamHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode request = JSON.readTree(input);
        context.getLogger().log("echoing " + request);
        if (request.has("fail")) {
            throw new EchoFailedException(request.get("fail").asText());
        }
        if (request.has("sleepMs")) {
            try {
                Thread.sleep(request.get("sleepMs").asLong());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        JSON.writeValue(output, JSON.createObjectNode()
                .<ObjectNode>set("echo", request)
                .put("greeting", System.getenv("GREETING"))
                .put("function", context.getFunctionName())
                .put("remainingMs", context.getRemainingTimeInMillis()));
    }
}
