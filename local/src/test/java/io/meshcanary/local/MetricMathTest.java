package io.meshcanary.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The metric-math stand-in's own tests (src/test/python, Python's unittest: pytest is not in the toolchain), run in
 * this module's test phase with the moto venv's python, the one that runs the stand-in. They call the evaluator
 * directly, so each case costs milliseconds instead of a runtime start; the emulator tests cover its hook into moto.
 */
class MetricMathTest {

    private static final Path MODULES = Path.of("src/main/resources/io/meshcanary/local");
    private static final Path TESTS = Path.of("src/test/python");

    @Test
    void evaluatorPassesItsUnitTests() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(TestRuntimes.motoPython().toString(), "-m", "unittest",
                "discover", "-v", "-s", TESTS.toString()).redirectErrorStream(true);
        builder.environment().put("PYTHONPATH", MODULES.toAbsolutePath().toString());
        Process python = builder.start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).as("unittest finished").isTrue();

        assertThat(python.exitValue()).as(output).isZero();
        assertThat(output).as("tests ran").containsPattern("Ran [1-9]\\d* tests");
    }
}
