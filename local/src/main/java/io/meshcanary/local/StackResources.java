package io.meshcanary.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The physical names of the template's resources, as the running local runtime created them: it writes them to
 * {@code $MESHCANARY_RUNTIME_DIR/resources.json}. For the processes started beside it, such as the demo and the tests.
 */
public final class StackResources {

    private StackResources() {
    }

    /** What {@code Ref} returns for the resource: a queue URL, a table name, a state machine ARN. */
    public static String ref(String logicalId) {
        JsonNode ref = Loaded.RESOURCES.path("resources").path(logicalId).path("ref");
        if (!ref.isTextual()) {
            throw new IllegalStateException("the stack has no resource " + logicalId);
        }
        return ref.asText();
    }

    /** Read once, on first use: the runtime writes the file before anything that reads it starts. */
    private static final class Loaded {
        static final JsonNode RESOURCES = read();

        private static JsonNode read() {
            String dir = System.getenv("MESHCANARY_RUNTIME_DIR");
            if (dir == null) {
                throw new IllegalStateException("MESHCANARY_RUNTIME_DIR is not set: start the local runtime first"
                        + " (scripts/test and local/bin/demo do)");
            }
            try {
                return new ObjectMapper().readTree(Path.of(dir, RuntimeState.RESOURCES_FILE).toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("read the local runtime's " + RuntimeState.RESOURCES_FILE, e);
            }
        }
    }
}
