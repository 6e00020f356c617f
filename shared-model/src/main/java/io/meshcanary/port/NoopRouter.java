package io.meshcanary.port;

import io.meshcanary.model.Track;
import io.meshcanary.rollout.RouteTarget;
import io.meshcanary.rollout.TrackTasks;
import io.meshcanary.rollout.TwinAttachment;
import io.meshcanary.rollout.Weights;
import java.util.List;
import java.util.OptionalInt;

/**
 * A router that moves no traffic, for dry runs and tests of what surrounds the router: every route reads back all
 * traffic on the primary, and a weight applied is answered as applied, so a dry run walks every step.
 */
public final class NoopRouter implements TrafficRouter {

    @Override
    public TwinAttachment reconcile() {
        return TwinAttachment.NONE;
    }

    /** A dry run reaches no router, so there is nothing to find missing. */
    @Override
    public void check() {
    }

    @Override
    public Weights currentWeights() {
        return Weights.ALL_PRIMARY;
    }

    @Override
    public Weights applyWeights(Weights weights) {
        return weights;
    }

    /** No router reaches a task: a dry run that waits for a track's capacity waits until its timeout. */
    @Override
    public TrackTasks trackTasks(Track track) {
        return new TrackTasks(List.of(), OptionalInt.empty());
    }

    @Override
    public void giveBack(List<RouteTarget> teamTargets) {
    }

    @Override
    public void removeTracks() {
    }
}
