package io.meshcanary.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The physical names of the template's resources, as the local runtime created them: it writes them to
 * {@code $MESHCANARY_RUNTIME_DIR/resources.json}.
 */
final class StackResources {

    private static final JsonNode RESOURCES = read();

    private StackResources() {
    }

    /** What {@code Ref} returns for the resource: a queue URL, a table name, a state machine ARN. */
    static String ref(String logicalId) {
        JsonNode ref = RESOURCES.path("resources").path(logicalId).path("ref");
        if (!ref.isTextual()) {
            throw new IllegalStateException("the stack has no resource " + logicalId);
        }
        return ref.asText();
    }

    private static JsonNode read() {
        String dir = System.getenv("MESHCANARY_RUNTIME_DIR");
        if (dir == null) {
            throw new IllegalStateException("MESHCANARY_RUNTIME_DIR is not set: run the tests with scripts/test");
        }
        try {
            return SampleEvents.JSON.readTree(Files.readString(Path.of(dir, "resources.json")));
        } catch (IOException e) {
            throw new UncheckedIOException("read the local runtime's resources.json", e);
        }
    }
}
