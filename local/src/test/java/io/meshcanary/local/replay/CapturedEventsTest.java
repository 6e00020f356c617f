package io.meshcanary.local.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshcanary.local.replay.CapturedEvents.CapturedEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapturedEventsTest {

    /** The repository's sample events: real-shaped EventBridge events, as captured in an account. */
    private static final Path SAMPLES = Path.of(System.getProperty("meshcanary.template")).getParent()
            .resolve("events");

    @TempDir
    Path dir;

    @Test
    void everySampleEventIsReadAsOneEvent() throws IOException {
        List<Path> samples;
        try (Stream<Path> files = Files.list(SAMPLES)) {
            samples = files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }

        List<CapturedEvent> events = CapturedEvents.read(samples);

        assertThat(events).hasSameSizeAs(samples);
        assertThat(events).extracting(CapturedEvent::origin).containsExactlyElementsOf(
                samples.stream().map(Path::toString).toList());
    }

    @Test
    void anArrayOfCapturedEventsIsReadInOrder() throws IOException {
        Path capture = write("capture.json", "[%s, %s]".formatted(sample("task-running-fargate.json"),
                sample("alarm-state-change-alarm.json")));

        List<CapturedEvent> events = CapturedEvents.read(List.of(capture));

        assertThat(events).extracting(CapturedEvent::detailType)
                .containsExactly("ECS Task State Change", "CloudWatch Alarm State Change");
        assertThat(events.get(1).origin()).isEqualTo(capture + ", event 2 of 2");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.json");

        assertThatThrownBy(() -> CapturedEvents.read(List.of(missing))).isInstanceOf(BadCaptureException.class)
                .hasMessage(missing + ": no such file");
    }

    @Test
    void invalidJsonIsNamedWithItsPlace() throws IOException {
        Path broken = write("broken.json", "{\"source\": \"aws.ecs\",\n  \"detail-type\": }");

        assertThatThrownBy(() -> CapturedEvents.read(List.of(broken))).isInstanceOf(BadCaptureException.class)
                .hasMessageStartingWith(broken + ": not valid JSON at line 2, column");
    }

    @Test
    void jsonThatIsNoEventBridgeEventSaysWhatIsMissing() throws IOException {
        Path spec = write("spec.json", "{\"router\": {\"type\": \"appmesh\"}, \"detail\": \"x\"}");

        assertThatThrownBy(() -> CapturedEvents.read(List.of(spec))).isInstanceOf(BadCaptureException.class)
                .hasMessage(spec + ": not an EventBridge event: source is missing; detail-type is missing;"
                        + " detail is not an object");
    }

    @Test
    void aBadEventInAnArrayIsNamedByItsPlace() throws IOException {
        Path capture = write("capture.json", "[%s, 42, []]".formatted(sample("task-running-fargate.json")));

        assertThatThrownBy(() -> CapturedEvents.read(List.of(capture))).isInstanceOf(BadCaptureException.class)
                .satisfies(e -> assertThat(((BadCaptureException) e).problems()).containsExactly(
                        capture + ": event 2 of 3: not an EventBridge event: expected a JSON object with source,"
                                + " detail-type and detail",
                        capture + ": event 3 of 3: not an EventBridge event: expected a JSON object with source,"
                                + " detail-type and detail"));
    }

    @Test
    void anEmptyArrayHoldsNoEvent() throws IOException {
        Path empty = write("empty.json", "[]");

        assertThatThrownBy(() -> CapturedEvents.read(List.of(empty))).isInstanceOf(BadCaptureException.class)
                .hasMessage(empty + ": the array holds no event");
    }

    @Test
    void everyBadFileIsReportedNotJustTheFirst() throws IOException {
        Path good = SAMPLES.resolve("task-running-fargate.json");
        Path missing = dir.resolve("nope.json");
        Path notJson = write("notes.txt", "replay these");

        assertThatThrownBy(() -> CapturedEvents.read(List.of(good, missing, notJson)))
                .isInstanceOf(BadCaptureException.class)
                .satisfies(e -> assertThat(((BadCaptureException) e).problems()).hasSize(2)
                        .anySatisfy(problem -> assertThat(problem).startsWith(missing + ":"))
                        .anySatisfy(problem -> assertThat(problem).startsWith(notJson + ": not valid JSON")));
    }

    private static String sample(String name) throws IOException {
        return Files.readString(SAMPLES.resolve(name));
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
