package io.meshcanary.local.host;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import io.meshcanary.local.support.JsonLog;
import java.nio.charset.StandardCharsets;

/** Context.getLogger() of an invocation: writes to the function log, tagged with the function and request. */
final class FunctionLogger implements LambdaLogger {
    private final JsonLog log;
    private final String functionName;
    private final String requestId;

    FunctionLogger(JsonLog log, String functionName, String requestId) {
        this.log = log;
        this.functionName = functionName;
        this.requestId = requestId;
    }

    @Override
    public void log(String message) {
        log.info("function", "function", functionName, "requestId", requestId, "message", message);
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
    }
}
