package io.meshcanary.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Reads a probe after every pause while something runs, keeping each value that differs from the one before. A pause
 * of a few milliseconds catches states that last only as long as a handful of AWS calls, such as a superseded
 * rollout's record before the newer rollout replaces it, or the route's weight between two rollouts.
 */
final class Changes<T> implements AutoCloseable {

    private final List<T> seen = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    private Changes(Supplier<T> probe, Duration pause) {
        thread = Thread.ofVirtual().start(() -> {
            while (running) {
                keep(probe.get());
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    static <T> Changes<T> watch(Supplier<T> probe, Duration pause) {
        return new Changes<>(probe, pause);
    }

    private synchronized void keep(T value) {
        if (seen.isEmpty() || !Objects.equals(seen.getLast(), value)) {
            seen.add(value);
        }
    }

    synchronized List<T> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }
}
