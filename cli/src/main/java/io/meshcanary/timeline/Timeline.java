package io.meshcanary.timeline;

import java.io.PrintStream;
import java.time.Duration;

/**
 * A live output of things that happened, one line each, with the time since the timeline started and the rollout
 * it belongs to, and progress while a rollout waits. On a terminal the progress line is rewritten in place; in a
 * log or a pipe one is printed every few seconds at most, so that waits show without flooding.
 */
public final class Timeline {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(3);

    private final PrintStream out;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private long lastLine = started;
    private boolean progressShown;

    /** @param terminal whether {@code out} is a terminal, where a line can be rewritten with a carriage return */
    public Timeline(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Seconds since the timeline started: its time axis, and the demo chart's. */
    public double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    /** A heading or a line that belongs to no rollout. */
    public void say(String text) {
        endProgress();
        out.println(text);
    }

    /** Something that happened in rollout {@code label}. */
    public void event(String label, String text) {
        endProgress();
        out.printf("  %6.1fs  %-3s %s%n", seconds(), label, text);
        lastLine = System.nanoTime();
    }

    /** Where a waiting rollout stands; shown only now and then. */
    public void progress(String label, String text) {
        if (terminal) {
            out.printf("\r  %6.1fs  %-3s %s\u001b[K", seconds(), label, text);
            progressShown = true;
        } else if (System.nanoTime() - lastLine >= PROGRESS_EVERY.toNanos()) {
            event(label, text);
        }
    }

    private void endProgress() {
        if (progressShown) {
            out.print("\r\u001b[K");
            progressShown = false;
        }
    }
}
