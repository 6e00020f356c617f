package io.meshcanary.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.local.RepositoryFiles;
import io.meshcanary.local.demo.DemoShop;
import java.nio.file.Path;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/** Loads the sample events in events/, the same files users pass to {@code sam local invoke -e}. */
final class SampleEvents {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVENTS = repositoryRoot().resolve("events");

    private SampleEvents() {
    }

    static ObjectNode load(String name) {
        return RepositoryFiles.sampleEvent(EVENTS, name);
    }

    /** CloudWatch's event for an alarm's move to {@code state} (ALARM or OK): the sample in events/, renamed. */
    static ObjectNode alarmEvent(String alarm, String state) {
        return DemoShop.alarmEvent(EVENTS, alarm, "arn:aws:cloudwatch:us-east-1:123456789012:alarm:" + alarm,
                StateValue.fromValue(state));
    }

    static Path repositoryRoot() {
        return RepositoryFiles.root();
    }
}
