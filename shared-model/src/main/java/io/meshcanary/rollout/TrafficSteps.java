package io.meshcanary.rollout;

import io.meshcanary.analysis.StepPlan;
import io.meshcanary.model.Track;
import io.meshcanary.port.ConcurrentUpdateException;
import io.meshcanary.port.RolloutStore;
import io.meshcanary.port.RouterFactory;
import io.meshcanary.port.TrafficRouter;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The steps that move the release forward: the canary's capacity, each weight, and the promotion. */
public final class TrafficSteps {

    private final RolloutStore store;
    private final RouterFactory routers;
    private final Twin twin;
    private final ExecutionGuard guard;
    private final Announcer announcer;
    private final Clock clock;

    TrafficSteps(RolloutStore store, RouterFactory routers, Twin twin, ExecutionGuard guard, Announcer announcer,
            Clock clock) {
        this.store = store;
        this.routers = routers;
        this.twin = twin;
        this.guard = guard;
        this.announcer = announcer;
        this.clock = clock;
    }

    /**
     * Scales the canary service up to the spec's capacity (after a promotion it sits at zero), and readies a judge's
     * equal baseline beside it.
     */
    public Instant scaleCanary(RolloutContext context) {
        Rollout rollout = guard.proceeding(context);
        twin.scaleCanaryOut(context, context.spec().canary().desiredCount());
        twin.baseline().prepare(context, rollout);
        return clock.instant();
    }

    /** Applies the next weight of the plan and records the weights read back from the router. */
    public Weights setWeight(RolloutContext context, int stepsDone) {
        Rollout rollout = guard.proceeding(context);
        // The record is one step ahead only when a retried invocation's first try already wrote it.
        boolean recorded = rollout.step() == stepsDone + 1;
        if (!recorded && rollout.step() != stepsDone) {
            throw new IllegalStateException("workflow is at step %d but the record of %s is at step %d"
                    .formatted(stepsDone, context.service(), rollout.step()));
        }
        int target = StepPlan.weightAfter(context.spec().steps(), stepsDone)
                .orElseThrow(() -> new IllegalStateException("no weight step left after " + stepsDone));
        Weights applied = routers.bind(context).applyWeights(Weights.canaryAt(target));
        if (applied.canary() != target) {
            throw new RolloutFailedException("route took canary weight %d%%, read back %d%%"
                    .formatted(target, applied.canary()));
        }
        if (!recorded) {
            Rollout progressing = rollout.phase() == Phase.PROGRESSING ? rollout
                    : rollout.moveTo(Phase.PROGRESSING, "traffic shifting", clock.instant());
            Rollout stepped = progressing.withStep(stepsDone + 1, applied, clock.instant()).asNextVersionOf(rollout);
            try {
                store.save(stepped);
            } catch (ConcurrentUpdateException e) {
                undoIfTakenOver(context);
                throw e;
            }
            announcer.announce(RolloutEvent.WEIGHT_CHANGED, stepped, null, stepped.updatedAt());
        }
        return applied;
    }

    /**
     * A step's weights went on the route after another writer took the rollout over: an abort or a newer rollout
     * sent all traffic to the primary first, and no step of this execution may undo that.
     */
    private void undoIfTakenOver(RolloutContext context) {
        if (!guard.stillProceeding(context)) {
            routers.bind(context).allToPrimary();
        }
    }

    /** The primary service takes the canary's task definition. */
    public Instant promote(RolloutContext context) {
        Rollout rollout = guard.proceeding(context);
        if (rollout.phase() != Phase.PROMOTING) {
            rollout = rollout.moveTo(Phase.PROMOTING, "promoting " + rollout.canaryTaskDefinition(), clock.instant());
            store.save(rollout);
        }
        twin.deployPrimary(context, rollout.canaryTaskDefinition());
        return clock.instant();
    }

    /**
     * All traffic back to the primary, which now runs the new revision; the canary scales to zero.
     *
     * @return the record this call ended, or empty when a retried call found it ended already
     */
    public Optional<Rollout> finish(RolloutContext context) {
        Rollout rollout = guard.proceeding(context);
        TrafficRouter router = routers.bind(context);
        Weights weights = rollout.bootstrap() ? router.takeOver(rollout.teamTargets()) : router.allToPrimary();
        twin.baseline().end(context, rollout);
        twin.scaleCanaryIn(context);
        if (rollout.phase() == Phase.SUCCEEDED) {
            return Optional.empty();
        }
        Rollout succeeded = rollout.promoted(weights, clock.instant())
                .moveTo(Phase.SUCCEEDED, rollout.bootstrap() ? "bootstrapped" : "promoted", clock.instant())
                .asNextVersionOf(rollout);
        store.save(succeeded);
        if (!rollout.bootstrap()) {
            announcer.announce(RolloutEvent.PROMOTED, succeeded, null, succeeded.updatedAt());
        }
        return Optional.of(succeeded);
    }

    /** The primary's, as the judge compares against it: with an equal baseline, the baseline's, which stands for it. */
    Map<String, String> placeholders(RolloutContext context, Rollout rollout, Track track) {
        return track == Track.PRIMARY && EqualBaseline.wanted(context, rollout) ? twin.baseline().placeholders(context)
                : TwinRoute.placeholders(context, rollout, track);
    }
}
