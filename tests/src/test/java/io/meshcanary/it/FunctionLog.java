package io.meshcanary.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshcanary.local.FunctionLogFile;
import java.nio.file.Path;
import java.util.List;
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
        Path log = FunctionLogFile.in(Path.of(System.getenv("MESHCANARY_RUNTIME_DIR")));
        return FunctionLogFile.lines(log).stream().filter(matching).toList();
    }
}
