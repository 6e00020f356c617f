package io.meshcanary.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.PrintStream;
import picocli.CommandLine.Option;

/** {@code --output text|json} of the reading verbs: JSON for scripts, one document on standard output. */
final class OutputOption {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    enum Format { text, json }

    @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "FORMAT",
            description = "text or json (default: ${DEFAULT-VALUE})")
    private Format format;

    boolean json() {
        return format == Format.json;
    }

    static void print(PrintStream out, Object value) {
        out.println(write(JSON.writer(), value));
    }

    /** One document on one line, for a stream of them (JSON Lines). */
    static void printLine(PrintStream out, Object value) {
        out.println(write(JSON.writer().without(SerializationFeature.INDENT_OUTPUT), value));
    }

    private static String write(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
