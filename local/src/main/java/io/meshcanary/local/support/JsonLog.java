package io.meshcanary.local.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * One JSON object per line: {"time", "level", "type", then the caller's fields}. The type names what happened
 * ("moto.ready", "platform.report"), so that tests and people can grep the log; messages are never concatenated.
 */
public final class JsonLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream sink;

    public JsonLog(PrintStream sink) {
        this.sink = sink;
    }

    /** Fields come as alternating names and values; a value is written as JSON (a string, number, map...). */
    public void info(String type, Object... fields) {
        write("INFO", type, null, fields);
    }

    public void warn(String type, Object... fields) {
        write("WARN", type, null, fields);
    }

    public void error(String type, Throwable error, Object... fields) {
        write("ERROR", type, error, fields);
    }

    private void write(String level, String type, Throwable error, Object... fields) {
        if (fields.length % 2 != 0) {
            throw new IllegalArgumentException("log fields must be name/value pairs: " + type);
        }
        ObjectNode line = JSON.createObjectNode();
        line.put("time", Instant.now().toString());
        line.put("level", level);
        line.put("type", type);
        for (int i = 0; i < fields.length; i += 2) {
            line.set(String.valueOf(fields[i]), JSON.valueToTree(fields[i + 1]));
        }
        if (error != null) {
            line.put("error", String.valueOf(error));
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            line.put("stackTrace", trace.toString());
        }
        String text;
        try {
            text = JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (sink) {
            sink.println(text);
            sink.flush();
        }
    }
}
