package io.meshcanary.rollout;

import io.meshcanary.model.EcsArns;
import io.meshcanary.model.Track;
import io.meshcanary.port.RouterFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Whether a track runs enough tasks of a revision that the router reaches: weight may move only onto those. */
public final class Capacity {

    private final ExecutionGuard guard;
    private final Twin twin;
    private final RouterFactory routers;
    private final Clock clock;

    Capacity(ExecutionGuard guard, Twin twin, RouterFactory routers, Clock clock) {
        this.guard = guard;
        this.twin = twin;
        this.routers = routers;
        this.clock = clock;
    }

    /**
     * Whether the track runs enough registered tasks of the rollout's revision; the canary's, only once a judge's
     * equal baseline serves too, since the first step weighs both.
     *
     * @throws RolloutFailedException once {@code deadline} has passed
     */
    public boolean ready(RolloutContext context, Track track, Instant waitingSince) {
        Rollout rollout = guard.proceeding(context);
        String revision = EcsArns.taskDefinitionRevision(rollout.canaryTaskDefinition(), "canaryTaskDefinition");
        // Offboarding gives the user's service the primary's capacity back, not a canary's.
        boolean canary = track == Track.CANARY && rollout.phase() != Phase.OFFBOARDING;
        int wanted = canary ? context.spec().canary().desiredCount()
                : twin.primary(context).map(ServiceState::desiredCount).orElse(1);
        // A track is ready only once no task of another revision is left to receive its traffic: the primary's old
        // one during promotion, or a superseded rollout's on the canary track, which the analysis would measure.
        Optional<String> lacking = of(context, track, revision).lacking(wanted)
                .map(words -> "%s track has %s".formatted(track.label(), words))
                .or(() -> canary ? twin.baseline().lacking(context, rollout) : Optional.empty());
        int timeout = track == Track.CANARY ? context.spec().timeouts().capacitySeconds()
                : context.spec().timeouts().promotionSeconds();
        if (lacking.isPresent() && clock.instant().isAfter(waitingSince.plusSeconds(timeout))) {
            throw new RolloutFailedException("%s after %ds".formatted(lacking.get(), timeout));
        }
        return lacking.isEmpty();
    }

    /** How many tasks of {@code revision} serve the track, how many of another revision, and how many are healthy. */
    TrackTasks.TrackCapacity of(RolloutContext context, Track track, String revision) {
        return routers.bind(context).trackTasks(track).of(revision);
    }
}
