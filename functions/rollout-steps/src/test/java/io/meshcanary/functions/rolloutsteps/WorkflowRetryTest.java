package io.meshcanary.functions.rolloutsteps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshcanary.port.ConcurrentUpdateException;
import io.meshcanary.testing.SampleFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The workflow's answer to a lost conditional write. A step that loses the race for the rollout record (a crash
 * counted, an operator's approve or promote, between its read and its write) wrote nothing; invoked again, it re-reads
 * the record and goes on. Caught by the catch-all instead, it would roll a healthy rollout back.
 */
class WorkflowRetryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyTaskRetriesALostConditionalWriteBeforeAnyCatchSeesIt() throws Exception {
        JsonNode states = JSON.readTree(SampleFiles.read("statemachines/canary.asl.json")).get("States");
        List<String> tasks = new ArrayList<>();
        List<String> retrying = new ArrayList<>();
        for (Map.Entry<String, JsonNode> state : states.properties()) {
            if (!state.getValue().path("Type").asText().equals("Task")) {
                continue;
            }
            tasks.add(state.getKey());
            for (JsonNode retrier : state.getValue().path("Retry")) {
                if (retrier.path("ErrorEquals").toString().contains(ConcurrentUpdateException.class.getName())
                        && retrier.path("MaxAttempts").asInt() >= 3) {
                    retrying.add(state.getKey());
                }
            }
        }
        assertThat(tasks).isNotEmpty();
        assertThat(retrying).containsExactlyElementsOf(tasks);
    }
}
