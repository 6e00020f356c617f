package io.meshcanary.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The functions' structured log, as the local runtime writes it to {@code $MESHCANARY_RUNTIME_DIR/functions.log}.
 * For outcomes that leave no trace in AWS by design, such as a duplicate event that changed nothing.
 */
final class FunctionLog {

    private FunctionLog() {
    }

    /** The JSON log lines that match, in order; the JVM's own plain-text lines are skipped. */
    static List<JsonNode> lines(Predicate<JsonNode> matching) {
        Path log = Path.of(System.getenv("MESHCANARY_RUNTIME_DIR"), "functions.log");
        try (var lines = Files.lines(log)) {
            return lines.map(FunctionLog::parse).flatMap(Optional::stream).filter(matching).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("read " + log, e);
        }
    }

    private static Optional<JsonNode> parse(String line) {
        try {
            return line.startsWith("{") ? Optional.of(SampleEvents.JSON.readTree(line)) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
