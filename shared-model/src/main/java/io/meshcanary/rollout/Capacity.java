package io.meshcanary.rollout;

import io.meshcanary.model.EcsArns;
import io.meshcanary.model.Track;
import io.meshcanary.model.TrackedService;
import io.meshcanary.port.NodeDirectory;
import io.meshcanary.port.TrafficRouter;
import io.meshcanary.registry.Registration;
import io.meshcanary.spec.InstanceRegistry;
import io.meshcanary.spec.RouterSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Whether a track runs enough tasks of a revision that the router reaches: weight may move only onto those. */
public final class Capacity {

    private final ExecutionGuard guard;
    private final Twin twin;
    private final NodeDirectory directory;
    private final TrafficRouter<RouterSpec> router;
    private final Clock clock;

    Capacity(ExecutionGuard guard, Twin twin, NodeDirectory directory, TrafficRouter<RouterSpec> router, Clock clock) {
        this.guard = guard;
        this.twin = twin;
        this.directory = directory;
        this.router = router;
        this.clock = clock;
    }

    /**
     * Whether the track runs enough registered tasks of the rollout's revision.
     *
     * @throws RolloutFailedException once {@code deadline} has passed
     */
    public boolean ready(RolloutContext context, Track track, Instant waitingSince) {
        Rollout rollout = guard.proceeding(context);
        String revision = EcsArns.taskDefinitionRevision(rollout.canaryTaskDefinition(), "canaryTaskDefinition");
        // Offboarding gives the user's service the primary's capacity back, not a canary's.
        int wanted = track == Track.CANARY && rollout.phase() != Phase.OFFBOARDING
                ? context.spec().canary().desiredCount()
                : twin.primary(context).map(ServiceState::desiredCount).orElse(1);
        TrackCapacity capacity = of(context, track, revision);
        // A track is ready only once no task of another revision is left to receive its traffic: the primary's old
        // one during promotion, or a superseded rollout's on the canary track, which the analysis would measure.
        boolean ready = capacity.serves(wanted) && !capacity.stale();
        int timeout = track == Track.CANARY ? context.spec().timeouts().capacitySeconds()
                : context.spec().timeouts().promotionSeconds();
        if (!ready && clock.instant().isAfter(waitingSince.plusSeconds(timeout))) {
            throw new RolloutFailedException("%s track has %d of %d registered tasks of revision %s after %ds"
                    .formatted(track.label(), capacity.registered(), wanted, revision, timeout));
        }
        return ready;
    }

    /** How many tasks of {@code revision} serve the track, and whether tasks of another revision do too. */
    TrackCapacity of(RolloutContext context, Track track, String revision) {
        List<String> revisions = revisions(context, track);
        return new TrackCapacity(revisions.stream().filter(revision::equals).count(),
                revisions.stream().anyMatch(other -> !revision.equals(other)),
                router.healthyTargets(context.app(), context.spec().router(), track));
    }

    /**
     * The revision of each task that serves the track: behind App Mesh those the registry registered in Cloud Map,
     * elsewhere those ECS runs, since ECS registers them in their target group itself.
     */
    private List<String> revisions(RolloutContext context, Track track) {
        String service = new TrackedService(context.app(), track).serviceName();
        Optional<InstanceRegistry> registry = context.spec().router().instanceRegistry();
        if (registry.isPresent()) {
            return directory.list(registry.get().cloudMap()).stream()
                    .filter(registration -> registration.track() == track)
                    .filter(registration -> registration.service().equals(service))
                    .map(Registration::revision)
                    .toList();
        }
        return twin.runningRevisions(context.cluster(), service);
    }

    /**
     * A track's tasks as the router reaches them.
     *
     * @param registered the tasks of the revision that are registered (or, without a registry, running)
     * @param stale whether tasks of another revision are registered too
     * @param healthy the track's targets a load balancer finds healthy, where it checks them
     */
    record TrackCapacity(long registered, boolean stale, OptionalInt healthy) {

        /** A load balancer sends traffic to a running task only once its health checks pass. */
        boolean serves(int wanted) {
            return registered >= wanted && (healthy.isEmpty() || healthy.getAsInt() >= wanted);
        }
    }
}
