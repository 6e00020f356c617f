package io.meshcanary.port;

import io.meshcanary.model.Track;
import io.meshcanary.rollout.RouteTarget;
import io.meshcanary.rollout.TrackTasks;
import io.meshcanary.rollout.TwinAttachment;
import io.meshcanary.rollout.Weights;
import java.util.List;
import java.util.Optional;

/**
 * Shifts traffic between one app's primary and canary tracks on the route or rule its spec names. A
 * {@link RouterFactory} binds it once to the cluster, the app and the provider's own spec type, so no verb takes a
 * spec and none asks which provider it has. An adapter owns only the weights of the two tracks: everything else on
 * the route is kept as it was found.
 */
public interface TrafficRouter {

    /**
     * Adopts the route or rule the spec names, so that it targets both tracks, with what the provider needs around
     * it (App Mesh's per-track virtual nodes, say). It never creates the route: one that does not exist, or that
     * serves another app, is refused before anything is created. A track added to it gets no traffic: the team's own
     * target keeps it until {@link #takeOver} once the twin serves.
     *
     * @return how the primary twin must be attached for the route to reach it, and the team's own targets
     * @throws io.meshcanary.spec.InvalidSpecException naming the field, if the route cannot be adopted
     */
    TwinAttachment reconcile();

    /**
     * Refuses, reading only, what {@link #reconcile} would refuse: a route or rule, or a part of it the spec names,
     * that does not exist, or parts that do not belong together. Onboarding asks before it stores a spec.
     *
     * @throws io.meshcanary.spec.InvalidSpecException naming the field
     */
    void check();

    /** The weights the provider applies now, read back rather than assumed. */
    Weights currentWeights();

    /** Applies {@code weights} and returns the weights read back afterwards. */
    Weights applyWeights(Weights weights);

    /** Leaves all traffic on the primary. */
    default Weights allToPrimary() {
        return applyWeights(Weights.ALL_PRIMARY);
    }

    /**
     * The end of a bootstrap, once the twin serves: the primary takes the traffic of the team's own targets, which
     * leave the route, and all the tracks' traffic. Safe to repeat. Where the team's target is the canary's own
     * (a load balancer's or Lattice's target group), this is {@link #allToPrimary}.
     *
     * @param teamTargets the team's targets as {@link #reconcile} found them
     */
    default Weights takeOver(List<RouteTarget> teamTargets) {
        return allToPrimary();
    }

    /**
     * The track's tasks as this provider reaches them, so that the use cases never ask which provider counts them
     * how: App Mesh's those the node registry registered in Cloud Map; a target group's those ECS runs (it registers
     * them itself) and how many targets the group finds healthy.
     */
    TrackTasks trackTasks(Track track);

    /**
     * Offboarding: the route or rule sends the traffic to the team's own targets again, as adoption found them, and
     * the tracks leave it. Safe to repeat.
     *
     * @param teamTargets the team's targets as {@link #reconcile} found them
     */
    void giveBack(List<RouteTarget> teamTargets);

    /** Offboarding, once the twin is gone: removes what {@link #reconcile} created around the route. */
    void removeTracks();

    /**
     * A judge's equal baseline: a target of its own, made like the canary's, on the route at weight 0, so that the
     * baseline service can be attached to it before it takes any traffic. From then on {@link #applyWeights} weighs
     * it like the canary, out of the primary's share, until {@link #dropBaseline}. Safe to repeat.
     *
     * @return how the baseline service is attached: as the twin is, its own target group in the twin's place
     * @throws UnsupportedOperationException behind a router whose spec refuses an equal baseline
     */
    default TwinAttachment.TargetGroups adoptBaseline() {
        throw new UnsupportedOperationException("this router gives a judge's baseline no target of its own");
    }

    /** The baseline's own target group, while it exists: the judge reads the baseline's metrics by it. */
    default Optional<String> baselineTargetGroup() {
        return Optional.empty();
    }

    /** The baseline service's tasks as this provider reaches them, counted as {@link #trackTasks} counts a track's. */
    default TrackTasks baselineTasks() {
        throw new UnsupportedOperationException("this router gives a judge's baseline no target of its own");
    }

    /**
     * The end of a judged rollout, weight first: the route no longer targets the baseline, whose weight goes back to
     * the primary, so that the baseline service may go. Safe to repeat, and nothing to do where there is none.
     */
    default void dropBaseline() {
    }

    /** Once the baseline service is gone: removes the target {@link #adoptBaseline} made. Safe to repeat. */
    default void removeBaseline() {
    }
}
