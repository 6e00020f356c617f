package io.meshcanary.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code local/bin/fault-free} against runtime logs written here: it passes the command's own failure through, fails
 * a passing command when the runtime logged a fault of its own, shows moto's 500s without failing on them, and
 * refuses to run without a command or a runtime to read.
 */
class FaultFreeTest {

    private static final long PATIENCE_SECONDS = 10;
    private static final String SCRIPT = "local/bin/fault-free";
    private static final String FUNCTION_LINE = """
            {"level":"INFO","message":"step done","action":"promote"}
            """;

    @TempDir
    Path runtime;

    @Test
    void cleanLogsAndAPassingCommandPass() throws Exception {
        write("functions.log", FUNCTION_LINE);
        write("runtime.log", """
                {"level":"WARN","type":"local.ecsSimulatorFailed","message":"ThrottlingException"}
                """);

        ScriptRun run = faultFree("true");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aFailingCommandKeepsItsOwnExitCode() throws Exception {
        write("functions.log", FUNCTION_LINE + """
                {"level":"ERROR","type":"local.ecsSimulator","message":"reconcile failed"}
                """);

        assertThat(faultFree("sh", "-c", "exit 5").exitCode()).isEqualTo(5);
    }

    @Test
    void anErrorOfTheRuntimesOwnFailsAPassingCommand() throws Exception {
        write("runtime.log", """
                {"level":"ERROR","type":"local.proxy","message":"forwarding failed"}
                """);

        ScriptRun run = faultFree("true");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains(
                runtime.resolve("runtime.log") + " holds an error of the runtime's own (1 lines)", "forwarding failed");
    }

    @Test
    void aJavaTraceOutsideTheLogFailsAPassingCommand() throws Exception {
        write("functions.log", FUNCTION_LINE + """
                Exception in thread "ecs-simulator" java.lang.NullPointerException
                \tat io.meshcanary.local.ecssim.NativeDeployments.runsDeploymentsOf(NativeDeployments.java:40)
                """);

        ScriptRun run = faultFree("true");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("holds a Java stack trace", "java.lang.NullPointerException");
    }

    @Test
    void motosOwnTracebackIsShownButDoesNotFail() throws Exception {
        write("functions.log", FUNCTION_LINE);
        write("moto.log", """
                Traceback (most recent call last):
                  File "moto/ecs/models.py", line 1, in describe_tasks
                RuntimeError: dictionary changed size during iteration
                """);

        ScriptRun run = faultFree("true");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("moto's own 500", "RuntimeError: dictionary changed size during iteration");
    }

    @Test
    void withoutACommandOrARuntimeItRefusesAndRunsNothing() throws Exception {
        Path ran = runtime.resolve("ran");

        ScriptRun noCommand = ScriptRun.of(PATIENCE_SECONDS, Map.of("MESHCANARY_RUNTIME_DIR", runtime.toString()),
                SCRIPT);
        ScriptRun noRuntime = ScriptRun.of(PATIENCE_SECONDS, Map.of("MESHCANARY_RUNTIME_DIR", ""), SCRIPT, "touch",
                ran.toString());

        assertThat(noCommand.exitCode()).isEqualTo(2);
        assertThat(noCommand.err()).contains("usage: local/bin/with-runtime --");
        assertThat(noRuntime.exitCode()).isEqualTo(2);
        assertThat(noRuntime.err()).contains("MESHCANARY_RUNTIME_DIR names the runtime's logs");
        assertThat(ran).as("the command was not run").doesNotExist();
    }

    private ScriptRun faultFree(String... command) throws IOException, InterruptedException {
        return ScriptRun.of(PATIENCE_SECONDS, Map.of("MESHCANARY_RUNTIME_DIR", runtime.toString()), SCRIPT, command);
    }

    private void write(String log, String text) throws IOException {
        Files.writeString(runtime.resolve(log), text);
    }
}
