package io.meshcanary.rollout;

import io.meshcanary.model.EcsArns;
import io.meshcanary.model.Track;
import io.meshcanary.port.RolloutStore;
import java.time.Clock;
import java.util.Optional;

/** The end of a rollout that failed: traffic on the primary, the primary on its old revision, the canary in. */
public final class Rollback {

    private final RolloutStore store;
    private final TwinRoute route;
    private final Twin twin;
    private final Capacity capacity;
    private final Announcer announcer;
    private final Clock clock;

    Rollback(RolloutStore store, TwinRoute route, Twin twin, Capacity capacity, Announcer announcer,
            Clock clock) {
        this.store = store;
        this.route = route;
        this.twin = twin;
        this.capacity = capacity;
        this.announcer = announcer;
        this.clock = clock;
    }

    /**
     * Sends all traffic to the primary, scales the canary to zero and marks the rollout FAILED with the reason. An
     * execution that no longer owns the record leaves traffic alone: the newer rollout owns it now.
     *
     * @return the record this call ended, or empty when it was ended already or is not this execution's
     */
    public Optional<Rollout> rollback(RolloutContext context, String reason) {
        Optional<Rollout> current = store.find(context.service());
        if (current.isEmpty() || !current.get().execution().equals(context.execution())) {
            return Optional.empty();
        }
        Rollout rollout = current.get();
        if (rollout.phase() == Phase.FAILED) {
            return Optional.empty();
        }
        Weights weights = route.allToPrimary(rollout);
        twin.baseline().end(context, rollout);
        // A bootstrap's canary is the user's own service: until the twin is up, it is all that runs the app.
        Optional<String> keepCanary = rollout.bootstrap() ? Optional.empty() : whyKeepTheCanary(context, rollout);
        if (!rollout.bootstrap()) {
            if (keepCanary.isEmpty()) {
                twin.scaleCanaryIn(context);
            }
            restorePrimary(context, rollout);
        }
        Optional<String> kept = keepCanary.map(why -> "the canary keeps its tasks: " + why);
        // The workflow reaches the rollback of an aborted rollout through its AnalysisFailed state or the rejected
        // gate's error: the abort's own reason says who aborted and why.
        String why = rollout.phase() == Phase.ABORTED ? rollout.reason() : reason;
        Rollout rolling = rollout.phase() == Phase.ROLLING_BACK ? rollout
                : rollout.moveTo(Phase.ROLLING_BACK, why, clock.instant());
        Rollout failed = rolling.withWeights(weights, "all traffic on the primary" + kept.map("; "::concat).orElse(""),
                clock.instant()).moveTo(Phase.FAILED, why, clock.instant()).asNextVersionOf(rollout);
        store.save(failed);
        if (!rollout.bootstrap()) {
            announcer.announce(RolloutEvent.ROLLED_BACK, failed, failed.reason() + kept.map("; "::concat).orElse(""),
                    failed.updatedAt());
        }
        return Optional.of(failed);
    }

    /** A rollback during promotion finds the primary deploying the new revision: it goes back to the old one. */
    private void restorePrimary(RolloutContext context, Rollout rollout) {
        boolean moved = twin.primary(context)
                .map(primary -> !primary.taskDefinition().equals(rollout.primaryTaskDefinition()))
                .orElse(false);
        if (moved) {
            twin.deployPrimary(context, rollout.primaryTaskDefinition());
        }
    }

    /**
     * Why scaling the canary in could remove the only tasks that serve the app: the primary has none of its revision
     * that the router reaches, or they cannot be counted. Read before the primary is restored, which changes nothing
     * that serves yet.
     *
     * @return empty when the primary serves, so that the canary may go
     */
    private Optional<String> whyKeepTheCanary(RolloutContext context, Rollout rollout) {
        String revision = EcsArns.taskDefinitionRevision(rollout.primaryTaskDefinition(), "primaryTaskDefinition");
        try {
            return capacity.of(context, Track.PRIMARY, revision).serves(1) ? Optional.empty()
                    : Optional.of("the primary has no registered, healthy task of revision " + revision);
        } catch (RuntimeException e) {
            // The rollback must end whatever the registry says; not knowing that the primary serves is not knowing
            // that removing the canary is safe.
            return Optional.of("the primary's tasks could not be counted (%s)".formatted(e.getMessage()));
        }
    }
}
