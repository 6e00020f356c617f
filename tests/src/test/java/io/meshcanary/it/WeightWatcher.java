package io.meshcanary.it;

import java.util.ArrayList;
import java.util.List;

/** Reads the route's canary weight every 100 ms while a rollout runs, keeping each change in order. */
final class WeightWatcher implements AutoCloseable {

    private final List<Integer> changes = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    private WeightWatcher(CanaryApp app) {
        thread = Thread.ofVirtual().start(() -> {
            while (running) {
                record(app.canaryWeight());
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    static WeightWatcher watch(CanaryApp app) {
        return new WeightWatcher(app);
    }

    private synchronized void record(int weight) {
        if (changes.isEmpty() || changes.getLast() != weight) {
            changes.add(weight);
        }
    }

    synchronized List<Integer> changes() {
        return List.copyOf(changes);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }
}
