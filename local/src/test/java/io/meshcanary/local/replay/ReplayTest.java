package io.meshcanary.local.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayTest {

    private static final Path SAMPLES = Path.of(System.getProperty("meshcanary.template")).getParent()
            .resolve("events");

    @TempDir
    Path dir;

    private final List<JsonNode> put = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @Test
    void aBadFileAfterGoodOnesPutsNothingOnTheBus() throws Exception {
        Path notAnEvent = Files.writeString(dir.resolve("spec.json"), "{\"steps\": {\"weights\": [10]}}");

        boolean replayed = replay(List.of(SAMPLES.resolve("task-running-fargate.json"),
                SAMPLES.resolve("alarm-state-change-alarm.json"), notAnEvent));

        assertThat(replayed).isFalse();
        assertThat(put).isEmpty();
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aMissingFilePutsNothingOnTheBus() throws Exception {
        boolean replayed = replay(List.of(SAMPLES.resolve("task-running-fargate.json"), dir.resolve("gone.json")));

        assertThat(replayed).isFalse();
        assertThat(put).isEmpty();
    }

    @Test
    void anEventNoRuleMatchedIsShownAsHandledByNoFunction() throws Exception {
        boolean replayed = replay(List.of(SAMPLES.resolve("alarm-state-change-ok.json")));

        assertThat(replayed).isTrue();
        assertThat(put).singleElement().satisfies(event -> assertThat(event.path("detail-type").asText())
                .isEqualTo("CloudWatch Alarm State Change"));
        assertThat(out.toString()).contains("alarm-state-change-ok.json: CloudWatch Alarm State Change from"
                + " aws.cloudwatch", "no rule of the stack matched it: no function ran");
    }

    private boolean replay(List<Path> files) throws IOException, InterruptedException {
        Path log = Files.writeString(dir.resolve("functions.log"), "");
        Replay replay = new Replay(event -> {
            put.add(event);
            return "event-" + put.size();
        }, new FunctionHostLog(log), new PrintStream(out, true));
        return replay.run(files);
    }
}
