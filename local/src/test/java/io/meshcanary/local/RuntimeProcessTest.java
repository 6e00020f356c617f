package io.meshcanary.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime as local/bin/with-runtime and local/bin/runtime run it: a program of its own. */
@Tag("runtime")
class RuntimeProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void commandGetsTheRuntimeVariablesAndItsExitCodeAndNothingOutlivesIt() throws Exception {
        Path stateDir = dir.resolve("state");
        Path seen = dir.resolve("seen");
        String script = ("env | grep -E '^(AWS_|MESHCANARY_RUNTIME_DIR=)' | sort > %1$s/env"
                + " && cp \"$MESHCANARY_RUNTIME_DIR/resources.json\" %1$s/ && exit 7").formatted(seen);
        Files.createDirectories(seen);
        ProcessBuilder builder = runtime(stateDir, List.of("sh", "-c", script));
        builder.environment().put("AWS_PROFILE", "production");
        builder.environment().put("AWS_ENDPOINT_URL_SQS", "https://sqs.us-east-1.amazonaws.com");

        Process supervisor = builder.start();

        assertThat(supervisor.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(supervisor.exitValue()).isEqualTo(7);
        JsonNode state = JSON.readTree(seen.resolve("resources.json").toFile());
        assertThat(Files.readAllLines(seen.resolve("env"))).containsExactly(
                "AWS_ACCESS_KEY_ID=test",
                "AWS_DEFAULT_REGION=us-east-1",
                "AWS_ENDPOINT_URL=" + state.path("endpoint").asText(),
                "AWS_REGION=us-east-1",
                "AWS_SECRET_ACCESS_KEY=test",
                "MESHCANARY_RUNTIME_DIR=" + stateDir.toAbsolutePath());
        assertGone(state.path("processes"));
    }

    @Test
    void killedSupervisorTakesMotoAndTheFunctionHostWithIt() throws Exception {
        Path stateDir = dir.resolve("state");
        Process supervisor = runtime(stateDir, List.of()).start();
        JsonNode state = awaitState(supervisor, stateDir.resolve("resources.json"));

        supervisor.destroyForcibly().waitFor();

        assertGone(state.path("processes"));
    }

    private static ProcessBuilder runtime(Path stateDir, List<String> command) {
        List<String> commandLine = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                LocalRuntime.class.getName(),
                "--template", TestRuntimes.resource("runtime/template.yaml").toString(),
                "--moto-python", TestRuntimes.motoPython().toString(),
                "--state-dir", stateDir.toString(),
                "--keep-state"));
        TestRuntimes.PARAMETERS.forEach((name, value) -> commandLine.addAll(List.of("--param", name + "=" + value)));
        commandLine.addAll(command);
        return new ProcessBuilder(commandLine).redirectErrorStream(true)
                .redirectOutput(stateDir.resolveSibling("supervisor.log").toFile());
    }

    private static JsonNode awaitState(Process supervisor, Path resourcesFile) throws IOException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!Files.exists(resourcesFile)) {
            assertThat(supervisor.isAlive()).as("runtime still starting").isTrue();
            assertThat(System.nanoTime()).as("runtime ready in time").isLessThan(deadline);
            Sleep.forAWhile(Duration.ofMillis(100));
        }
        return JSON.readTree(resourcesFile.toFile());
    }

    private static void assertGone(JsonNode processes) {
        for (String child : List.of("moto", "functionHost")) {
            Optional<ProcessHandle> process = ProcessHandle.of(processes.path(child).asLong());
            process.ifPresent(handle -> handle.onExit().orTimeout(10, TimeUnit.SECONDS).join());
            assertThat(process.filter(ProcessHandle::isAlive)).as(child).isEmpty();
        }
    }
}
