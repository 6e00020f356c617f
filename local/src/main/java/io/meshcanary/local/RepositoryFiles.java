package io.meshcanary.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files of the meshcanary repository that the demo, the ECS simulator and the tests read: the folder with
 * template.yaml, and the sample events in events/, the same files users pass to {@code sam local invoke -e}.
 */
public final class RepositoryFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RepositoryFiles() {
    }

    /** The nearest folder at or above the working directory that holds template.yaml. */
    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("template.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath()
                    + ": run from inside the meshcanary repository");
        }
        return dir;
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
