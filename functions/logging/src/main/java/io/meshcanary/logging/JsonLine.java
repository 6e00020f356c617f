package io.meshcanary.logging;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.helpers.MessageFormatter;
import software.amazon.lambda.powertools.logging.argument.StructuredArgument;
import software.amazon.lambda.powertools.logging.internal.JsonSerializer;

/**
 * One log event as one line of JSON, in the layout of Powertools' {@code LambdaJsonLayout}: level, message, error,
 * the invocation's Powertools keys, timestamp, then every other log-context key (the service, deployment and
 * execution among them), then the structured arguments ({@code entry("action", ...)}) and the fluent API's key-value
 * pairs as keys of their own. A key without a value is left out.
 */
final class JsonLine {

    /** The keys Powertools puts in the log context, in the layout's order; the others follow them. */
    private static final List<String> POWERTOOLS_KEYS = List.of("cold_start", "function_arn", "function_memory_size",
            "function_name", "function_request_id", "function_version", "sampling_rate", "service");
    private static final List<String> TRAILING_POWERTOOLS_KEYS = List.of("xray_trace_id", "correlation_id");
    /** Powertools keeps these as text in the log context; the layout writes them as JSON booleans and numbers. */
    private static final Set<String> RAW_VALUES = Set.of("cold_start", "function_memory_size", "sampling_rate");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private JsonLine() {
    }

    static String format(Level level, String pattern, Object[] arguments, Throwable error, Map<String, String> context,
            List<KeyValuePair> pairs, Instant at) {
        StringBuilder line = new StringBuilder(256);
        JsonSerializer json = new JsonSerializer(line);
        json.writeStartObject();
        json.writeStringField("level", level.name());
        json.writeSeparator();
        json.writeStringField("message", MessageFormatter.basicArrayFormat(pattern, arguments));
        if (error != null) {
            json.writeSeparator();
            writeError(json, error);
        }
        POWERTOOLS_KEYS.forEach(key -> writeContextKey(json, key, context.get(key)));
        json.writeSeparator();
        json.writeStringField("timestamp", TIMESTAMP.format(at));
        TRAILING_POWERTOOLS_KEYS.forEach(key -> writeContextKey(json, key, context.get(key)));
        context.forEach((key, value) -> {
            if (!POWERTOOLS_KEYS.contains(key) && !TRAILING_POWERTOOLS_KEYS.contains(key)) {
                writeContextKey(json, key, value);
            }
        });
        if (arguments != null) {
            for (Object argument : arguments) {
                if (argument instanceof StructuredArgument structured) {
                    json.writeSeparator();
                    write(json, structured);
                }
            }
        }
        for (KeyValuePair pair : pairs) {
            json.writeSeparator();
            json.writeObjectField(pair.key, pair.value);
        }
        json.writeEndObject();
        return line.toString();
    }

    private static void writeContextKey(JsonSerializer json, String key, String value) {
        if (value == null) {
            return;
        }
        json.writeSeparator();
        if (RAW_VALUES.contains(key) && isJsonScalar(value)) {
            json.writeFieldName(key);
            json.writeRaw(value);
        } else {
            json.writeStringField(key, value);
        }
    }

    private static boolean isJsonScalar(String value) {
        if (value.equals("true") || value.equals("false")) {
            return true;
        }
        try {
            Double.parseDouble(value);
            return !value.isBlank() && Character.isDigit(value.charAt(value.length() - 1));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void writeError(JsonSerializer json, Throwable error) {
        StringWriter stack = new StringWriter();
        error.printStackTrace(new PrintWriter(stack));
        json.writeFieldName("error");
        json.writeStartObject();
        json.writeStringField("message", error.getMessage());
        json.writeSeparator();
        json.writeStringField("name", error.getClass().getName());
        json.writeSeparator();
        json.writeStringField("stack", stack.toString());
        json.writeEndObject();
    }

    private static void write(JsonSerializer json, StructuredArgument argument) {
        try {
            argument.writeTo(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
