package io.meshcanary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.local.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's playground walk-through ("A local playground"), run as written: each line of its block in a shell of
 * its own that has sourced what the block sourced so far, and, as the README's second shell, {@code bin/meshcanary
 * watch} after each release. A line that says to wait for what watch shows runs once watch has shown it. The
 * playground starts a runtime of its own, in a folder of this test's (the README's folder is moved there, so that a
 * playground someone keeps running is left alone); the suite's runtime is not used.
 */
@Order(1) // among the longest classes: started early (junit-platform.properties)
class PlaygroundWalkthroughEmulatorTest {

    private static final Path ROOT = RepositoryFiles.root();
    private static final String README_FOLDER = "local/target/playground";
    private static final Pattern CUE = Pattern.compile("# once watch shows \"([^\"]+)\"");
    private static final Duration PATIENCE = Duration.ofMinutes(4);
    private static final String APP = "orders-play";

    /** The block's commands and what each must answer, in the README's order. */
    private static final List<Expected> STORY = List.of(
            new Expected("local/bin/playground start", 0, "playground ready: orders-play"),
            new Expected("source local/target/playground/env.sh", 0, ""),
            new Expected("bin/meshcanary status", 0, "SUCCEEDED"),
            new Expected("local/bin/playground deploy 2", 0, "released orders-play:2 (healthy"),
            new Expected("bin/meshcanary approve orders-play", 0, "approved"),
            new Expected("local/bin/playground deploy 3", 0, "released orders-play:3 (healthy"),
            new Expected("bin/meshcanary promote orders-play", 0, "promotion requested"),
            new Expected("bin/meshcanary approve orders-play", 0, "approved"),
            new Expected("local/bin/playground deploy 4", 0, "released orders-play:4 (healthy"),
            new Expected("bin/meshcanary abort orders-play --reason \"practice\"", 0, "aborted"),
            new Expected("local/bin/playground deploy 5 failing", 0, "released orders-play:5 (failing"),
            new Expected("bin/meshcanary history orders-play", 0, "failed checks"),
            new Expected("local/bin/playground stop", 0, "playground: stopped"),
            new Expected("bin/meshcanary status", 2, "it is no longer running"));

    /** What the second shell's watch ends with, for each release in turn. */
    private static final List<Expected> WATCHED = List.of(
            new Expected("v2, approved", 0, "promoted orders-play:2"),
            new Expected("v3, promoted early", 0, "promoted orders-play:3"),
            new Expected("v4, aborted", 1, "FAILED: aborted by an operator: practice"),
            new Expected("v5, failing", 1, "failed (error-rate"));

    @TempDir
    Path folder;

    @AfterEach
    void stopThePlayground() throws Exception {
        shell("local/bin/playground stop", List.of()).waitFor(1, TimeUnit.MINUTES);
    }

    @Test
    void theReadmeWalkthroughRunsAsWritten() throws Exception {
        List<Line> block = walkthrough();
        assertThat(block).extracting(Line::command).as("the README's walk-through, as this test knows it")
                .containsExactlyElementsOf(STORY.stream().map(Expected::what).toList());

        List<String> sourced = new ArrayList<>();
        Watch watch = null;
        int released = 0;
        for (int i = 0; i < block.size(); i++) {
            Line line = block.get(i);
            Expected expected = STORY.get(i);
            if (line.command().startsWith("local/bin/playground deploy") || line.command().contains("history")) {
                if (watch != null) {
                    watch.endsAs(WATCHED.get(released++));
                }
            }
            if (line.cue() != null) {
                watch.awaits(line.cue());
            }
            Ran ran = run(line.command(), sourced);
            assertThat(ran.exitCode()).as("exit code of %s; it printed:%n%s", line.command(), ran.output())
                    .isEqualTo(expected.exitCode());
            assertThat(ran.output()).as(line.command()).contains(expected.output());
            if (line.command().startsWith("source ")) {
                sourced.add(line.command());
            }
            if (line.command().startsWith("local/bin/playground deploy")) {
                Path shown = folder.resolve("watch-" + i);
                watch = new Watch(shell("bin/meshcanary watch " + APP, sourced, shown), shown);
            }
        }
        assertThat(released).as("rollouts watched to their end").isEqualTo(WATCHED.size());
    }

    /** The commands of the README's walk-through block, each with the watch output it waits for, if any. */
    private static List<Line> walkthrough() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int section = readme.indexOf("### A local playground");
        int start = readme.indexOf("```bash\n", section) + "```bash\n".length();
        String block = readme.substring(start, readme.indexOf("```", start));
        List<Line> lines = new ArrayList<>();
        for (String text : block.split("\n")) {
            String stripped = text.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            Matcher cue = CUE.matcher(stripped);
            int comment = stripped.indexOf("  #");
            lines.add(new Line(comment < 0 ? stripped : stripped.substring(0, comment).strip(),
                    cue.find() ? cue.group(1) : null));
        }
        return lines;
    }

    private Ran run(String command, List<String> sourced) throws Exception {
        Path output = folder.resolve("line-" + System.nanoTime());
        Process process = shell(command, sourced, output);
        assertThat(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("%s ended", command).isTrue();
        return new Ran(process.exitValue(), Files.readString(output));
    }

    private Process shell(String command, List<String> sourced) throws IOException {
        return shell(command, sourced, folder.resolve("shell-" + System.nanoTime()));
    }

    /**
     * {@code command} in bash from the repository's root, after the lines sourced so far, with the playground's folder
     * moved to this test's; a fresh shell as a person has it: no AWS settings and no runtime named, and no build
     * (the suite's run built everything).
     */
    private Process shell(String command, List<String> sourced, Path output) throws IOException {
        String script = String.join("\n", sourced) + "\n" + command;
        ProcessBuilder builder = new ProcessBuilder("bash", "-c",
                script.replace(README_FOLDER, folder.resolve("playground").toString()))
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("MESHCANARY_"));
        env.put("MESHCANARY_PLAYGROUND_DIR", folder.resolve("playground").toString());
        env.put("MESHCANARY_SKIP_BUILD", "1");
        return builder.start();
    }

    /** The README's second shell, following one rollout. */
    private record Watch(Process process, Path output) {
        void awaits(String cue) throws Exception {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (!Files.readString(output).contains(cue)) {
                assertThat(process.isAlive()).as("watch ended before it showed \"%s\":%n%s", cue,
                        Files.readString(output)).isTrue();
                assertThat(System.nanoTime()).as("watch showed \"%s\" in time", cue).isLessThan(deadline);
                Thread.sleep(500);
            }
        }

        void endsAs(Expected expected) throws Exception {
            assertThat(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                    .as("watch of %s ended", expected.what()).isTrue();
            String shown = Files.readString(output);
            assertThat(process.exitValue()).as("watch of %s:%n%s", expected.what(), shown)
                    .isEqualTo(expected.exitCode());
            assertThat(shown).as("watch of %s", expected.what()).contains(expected.output());
        }
    }

    private record Line(String command, String cue) {
    }

    private record Expected(String what, int exitCode, String output) {
    }

    private record Ran(int exitCode, String output) {
    }
}
