package io.meshcanary.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One run of the CLI in this JVM, as {@code bin/meshcanary} runs it, with what it printed. The stack is found as the
 * command line finds it: from the local runtime's folder when the tests run inside one.
 */
public record Run(int exitCode, String out, String err) {

    public static Run cli(String... args) {
        return cli(Map.copyOf(System.getenv()), args);
    }

    /** A run in the environment {@code env}, e.g. one that names no local runtime. */
    public static Run cli(Map<String, String> env, String... args) {
        return run(env, false, args);
    }

    /** A run whose standard output is a terminal, as {@code bin/meshcanary} tells it when {@code [ -t 1 ]}. */
    public static Run onTerminal(String... args) {
        return run(Map.copyOf(System.getenv()), true, args);
    }

    private static Run run(Map<String, String> env, boolean terminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = MeshCanary.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, terminal);
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
