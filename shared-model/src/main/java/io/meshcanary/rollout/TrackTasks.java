package io.meshcanary.rollout;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    /** How many tasks of {@code revision} serve the track, and how many of another revision serve it too. */
    TrackCapacity of(String revision) {
        long registered = revisions.stream().filter(revision::equals).count();
        return new TrackCapacity(revision, registered, revisions.size() - registered, healthy);
    }

    /**
     * @param revision the revision the track should run
     * @param registered the tasks of the revision that serve the track
     * @param others the tasks of another revision that serve it too
     * @param healthy the track's targets a load balancer finds healthy, where it checks them
     */
    record TrackCapacity(String revision, long registered, long others, OptionalInt healthy) {

        /**
         * What keeps the track from serving {@code wanted} tasks of the revision and nothing else, in words that tell
         * an operator which of the three it is: too few tasks, too few passing health checks, or old ones left.
         *
         * @return empty when the track serves
         */
        Optional<String> lacking(int wanted) {
            if (serves(wanted) && others == 0) {
                return Optional.empty();
            }
            List<String> besides = new ArrayList<>();
            if (!healthy(wanted)) {
                besides.add("healthy targets: " + healthy.getAsInt());
            }
            if (others > 0) {
                besides.add(others + " of another revision");
            }
            return Optional.of("%d of %d registered tasks of revision %s%s".formatted(registered, wanted, revision,
                    besides.isEmpty() ? "" : " (" + String.join("; ", besides) + ")"));
        }

        /** A load balancer sends traffic to a running task only once its health checks pass. */
        boolean serves(int wanted) {
            return registered >= wanted && healthy(wanted);
        }

        private boolean healthy(int wanted) {
            return healthy.isEmpty() || healthy.getAsInt() >= wanted;
        }
    }
}
