package io.meshcanary.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.testing.SampleFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The files of the meshcanary repository that the demo, the ECS simulator and the tests read: the folder with
 * template.yaml, and the sample events in events/, the same files users pass to {@code sam local invoke -e}.
 */
public final class RepositoryFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RepositoryFiles() {
    }

    /** The nearest folder at or above the working directory that holds template.yaml (the test kit's, one finder). */
    public static Path root() {
        return SampleFiles.root();
    }

    /** The sample event {@code name} in the folder {@code events}, as a tree of its own the caller may change. */
    public static ObjectNode sampleEvent(Path events, String name) {
        try {
            return (ObjectNode) JSON.readTree(events.resolve(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("read sample event " + name, e);
        }
    }
}
