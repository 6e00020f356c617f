package io.meshcanary.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A process the supervisor started. Its standard input stays an open pipe: the child treats end-of-file as the
 * supervisor's death, so even a killed supervisor leaves nothing behind. Output goes to a log file.
 */
final class ChildProcess implements AutoCloseable {
    private static final long GRACE_SECONDS = 5;
    private static final int LOG_TAIL_LINES = 30;

    private final String name;
    private final Process process;
    private final Path logFile;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    static ChildProcess start(String name, ProcessBuilder builder, Path logFile) {
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        try {
            return new ChildProcess(name, builder.start(), logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start %s: %s".formatted(name, builder.command()), e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** Fails with the end of the child's log if it has exited, since then it will never become ready. */
    void requireAlive(String waitingFor) {
        if (!process.isAlive()) {
            throw new IllegalStateException("%s exited with %d while %s; end of %s:%n%s"
                    .formatted(name, process.exitValue(), waitingFor, logFile, tail()));
        }
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join(System.lineSeparator(),
                    lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(cannot read it: %s)".formatted(e.getMessage());
        }
    }

    /** Asks the child to stop, then kills it and anything it started if it is still there after a grace time. */
    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(GRACE_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
