package io.meshcanary.it;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for the asynchronous path (bus, queue, function) to show an outcome, failing with the last value seen. */
final class Eventually {

    /**
     * Generous: tests run side by side, so one outcome may wait behind several others' work in the runtime, and CI's
     * 2-core machine once took more than 60 s to deliver one task's events there. A passing wait ends as soon as its
     * outcome shows; only a failing one waits this long.
     */
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Duration PAUSE = Duration.ofMillis(200);

    private Eventually() {
    }

    static <T> T until(Supplier<T> probe, Predicate<T> done, String what) {
        return until(probe, done, what, TIMEOUT);
    }

    static <T> T until(Supplier<T> probe, Predicate<T> done, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after %ss waiting for %s; last seen: %s"
                        .formatted(timeout.toSeconds(), what, last));
            }
            sleep();
            last = probe.get();
        }
        return last;
    }

    private static void sleep() {
        try {
            Thread.sleep(PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
