package io.meshcanary.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of a script of the repository, from its root, with no input: its exit code and what it printed. A script
 * that has not ended within {@code patienceSeconds} is stopped, and the test fails.
 */
public record ScriptRun(int exitCode, String out, String err) {

    /** @param environment added to this process's own */
    public static ScriptRun of(long patienceSeconds, Map<String, String> environment, String script, String... args)
            throws IOException, InterruptedException {
        Path root = RepositoryFiles.root();
        List<String> command = new ArrayList<>(List.of(root.resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        boolean ended = process.waitFor(patienceSeconds, TimeUnit.SECONDS);
        if (!ended) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
        assertThat(ended).as("%s answered within %ds", script, patienceSeconds).isTrue();
        return new ScriptRun(process.exitValue(), text(process.getInputStream().readAllBytes()),
                text(process.getErrorStream().readAllBytes()));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
