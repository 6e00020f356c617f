package io.meshcanary.testing;

import io.meshcanary.port.RolloutEvents;
import io.meshcanary.rollout.RolloutEvent;
import java.util.ArrayList;
import java.util.List;

/** The event bus in memory: records what was published, in order, or refuses every event once told to. */
public final class FakeRolloutEvents implements RolloutEvents {

    private final List<RolloutEvent> published = new ArrayList<>();
    private RuntimeException failure;

    @Override
    public void publish(RolloutEvent event) {
        if (failure != null) {
            throw failure;
        }
        published.add(event);
    }

    /** Every publish from now on throws {@code error}, as an unreachable or throttling bus would. */
    public FakeRolloutEvents failsWith(RuntimeException error) {
        this.failure = error;
        return this;
    }

    public List<RolloutEvent> published() {
        return List.copyOf(published);
    }

    /** The detail-types published, in order. */
    public List<String> types() {
        return published.stream().map(RolloutEvent::type).toList();
    }
}
