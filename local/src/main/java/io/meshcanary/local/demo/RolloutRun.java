package io.meshcanary.local.demo;

import io.meshcanary.rollout.Phase;
import io.meshcanary.rollout.Rollout;
import io.meshcanary.timeline.RolloutTimeline;
import java.util.List;
import java.util.Optional;

/**
 * How one rollout of the demo went: its record as the rollout table held it at the end, and the route's weights
 * and the markers seen while it ran.
 *
 * @param label short name on the timeline, e.g. {@code v2}
 * @param record the last rollout record read, or empty if the rollout never started
 */
public record RolloutRun(String label, String title, String taskDefinition, Optional<Rollout> record,
        double seconds, List<WeightChart.Point> weights, List<WeightChart.Marker> markers) {

    public RolloutRun {
        weights = List.copyOf(weights);
        markers = List.copyOf(markers);
    }

    /** The rollout's last phase, or {@code TIMED OUT} when the demo gave up waiting for its end. */
    public String phase() {
        return record.map(Rollout::phase).filter(Phase::terminal).map(Phase::name).orElse("TIMED OUT");
    }

    /** Why the rollout failed, or its last note ("promoted") when it did not. */
    public String reason() {
        return record.map(found -> found.reason() != null ? found.reason() : found.history().getLast().note())
                .orElse("no rollout record");
    }

    /** When the marker {@code text} was set, in seconds since the demo started. */
    public Optional<Double> markedAt(String text) {
        return markers.stream().filter(marker -> marker.text().equals(text)).map(WeightChart.Marker::seconds)
                .findFirst();
    }

    public WeightChart.Series series() {
        return new WeightChart.Series(label, RolloutTimeline.shortName(taskDefinition), title, weights, markers);
    }
}
