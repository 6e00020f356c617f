package io.meshcanary.timeline;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * A live output of things that happened, one line each, with the time since the timeline's origin and the rollout
 * it belongs to, and progress while a rollout waits. On a terminal the progress line is rewritten in place; in a
 * log or a pipe one is printed every few seconds at most, so that waits show without flooding.
 */
public final class Timeline {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(3);

    private final PrintStream out;
    private final boolean terminal;
    private final Instant origin;
    private long lastLine = System.nanoTime();
    private boolean progressShown;

    /** A timeline that starts now. */
    public Timeline(PrintStream out, boolean terminal) {
        this(out, terminal, Instant.now());
    }

    /**
     * @param terminal whether {@code out} is a terminal, where a line can be rewritten with a carriage return
     * @param origin the time shown as 0.0s: a watch that joins a rollout late counts from the rollout's start
     */
    public Timeline(PrintStream out, boolean terminal, Instant origin) {
        this.out = out;
        this.terminal = terminal;
        this.origin = origin;
    }

    /** Seconds since the origin: the timeline's time axis, and the demo chart's. */
    public double seconds() {
        return secondsAt(Instant.now());
    }

    /** Seconds from the origin to {@code at}. */
    public double secondsAt(Instant at) {
        return Duration.between(origin, at).toNanos() / 1e9;
    }

    /** A heading or a line that belongs to no rollout. */
    public void say(String text) {
        endProgress();
        out.println(text);
    }

    /** Something that happened in rollout {@code label} just now. */
    public void event(String label, String text) {
        event(label, text, Instant.now());
    }

    /** Something that happened in rollout {@code label} at {@code at}, stamped with that time, not the time shown. */
    public void event(String label, String text, Instant at) {
        endProgress();
        out.printf("  %6.1fs  %-3s %s%n", secondsAt(at), label, text);
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
