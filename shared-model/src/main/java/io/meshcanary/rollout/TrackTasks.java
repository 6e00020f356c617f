package io.meshcanary.rollout;

import java.util.List;
import java.util.OptionalInt;

/**
 * A track's tasks as its router reaches them.
 *
 * @param revisions the revision of each task that serves the track: registered in Cloud Map behind App Mesh, running
 *        in ECS behind a load balancer or Lattice (ECS registers those in their target group itself)
 * @param healthy how many of the track's targets the router finds healthy, where it checks their health itself (a
 *        target group); empty where it does not
 */
public record TrackTasks(List<String> revisions, OptionalInt healthy) {

    public TrackTasks {
        revisions = List.copyOf(revisions);
    }

    /** How many tasks of {@code revision} serve the track, and whether tasks of another revision do too. */
    TrackCapacity of(String revision) {
        return new TrackCapacity(revisions.stream().filter(revision::equals).count(),
                revisions.stream().anyMatch(other -> !revision.equals(other)), healthy);
    }

    /**
     * @param registered the tasks of the revision that serve the track
     * @param stale whether tasks of another revision serve it too
     * @param healthy the track's targets a load balancer finds healthy, where it checks them
     */
    record TrackCapacity(long registered, boolean stale, OptionalInt healthy) {

        /** A load balancer sends traffic to a running task only once its health checks pass. */
        boolean serves(int wanted) {
            return registered >= wanted && (healthy.isEmpty() || healthy.getAsInt() >= wanted);
        }
    }
}
