package io.meshcanary.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The sample events and specs that ship in the repository, read from the files users pass to
 * {@code sam local invoke -e}, so that tests and users exercise the same documents. The one place that finds the
 * repository: unit tests, the emulator tests and the local runtime's demo all ask here.
 */
public final class SampleFiles {

    public static final String FARGATE_RUNNING = "events/task-running-fargate.json";
    public static final String BRIDGE_RUNNING = "events/task-running-bridge.json";
    public static final String STOPPED_FAILED = "events/task-stopped-failed.json";
    public static final String NO_SERVICE_RUNNING = "events/task-running-no-service.json";
    public static final String DEPLOYMENT_IN_PROGRESS = "events/deployment-in-progress.json";
    public static final String ALARM = "events/alarm-state-change-alarm.json";
    public static final String ALARM_OK = "events/alarm-state-change-ok.json";
    public static final String SCHEDULED_RESYNC = "events/scheduled-resync.json";
    public static final String ORDERS_SPEC = "examples/orders.canary.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Property tests build fresh fakes hundreds of times; the files do not change during a run. */
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private SampleFiles() {
    }

    /** @param relative a path from the project root, e.g. {@link #FARGATE_RUNNING} */
    public static String read(String relative) {
        return CACHE.computeIfAbsent(relative, SampleFiles::load);
    }

    /**
     * The project root, where the samples' relative paths start: the nearest folder at or above the working directory
     * that holds template.yaml. Surefire runs each module in its own directory, so the root is found, not assumed.
     */
    public static Path root() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no template.yaml in " + start
                + " or any parent: run from inside the meshcanary repository");
    }

    /** A sample with one thing changed, so that each bad event a test builds fails for exactly one reason. */
    public static String edited(String relative, Consumer<ObjectNode> change) {
        try {
            ObjectNode document = (ObjectNode) JSON.readTree(read(relative));
            change.accept(document);
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(relative + " is not JSON", e);
        }
    }

    private static String load(String relative) {
        try {
            return Files.readString(root().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sample " + relative, e);
        }
    }
}
