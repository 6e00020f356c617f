package io.meshcanary.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The function host's log, {@code functions.log} in the runtime's state folder: the host's and the handlers' JSON
 * lines, among the JVM's own plain-text ones. Read by the replay and by the tests.
 */
public final class FunctionLogFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FunctionLogFile() {
    }

    /** The log of the runtime whose state folder is {@code stateDir}. */
    public static Path in(Path stateDir) {
        return stateDir.resolve(RuntimeState.FUNCTION_LOG);
    }

    /** The JSON lines of the log {@code file}, in order. */
    public static List<JsonNode> lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.map(FunctionLogFile::parse).flatMap(Optional::stream).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("read the function host's log " + file, e);
        }
    }

    /** The JVM's own plain-text lines (and a line being written) are not JSON, and are skipped. */
    private static Optional<JsonNode> parse(String line) {
        try {
            return line.startsWith("{") ? Optional.of(JSON.readTree(line)) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
