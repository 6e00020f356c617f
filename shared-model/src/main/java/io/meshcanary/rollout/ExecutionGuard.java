package io.meshcanary.rollout;

import io.meshcanary.port.RolloutStore;
import io.meshcanary.port.TrafficRouter;
import io.meshcanary.port.Workflows;
import io.meshcanary.spec.RouterSpec;
import java.time.Clock;

/**
 * Which execution owns a service's rollout record. Every workflow step reads the record through here: a step of an
 * execution that no longer owns it throws {@link SupersededException} and touches nothing, and a newer execution
 * takes the record over from an older one only through {@link #supersede}.
 */
public final class ExecutionGuard {

    private final RolloutStore store;
    private final TrafficRouter<RouterSpec> router;
    private final RolloutAbort abort;
    private final Twin twin;
    private final Workflows workflows;
    private final Clock clock;

    ExecutionGuard(RolloutStore store, TrafficRouter<RouterSpec> router, RolloutAbort abort, Twin twin,
            Workflows workflows, Clock clock) {
        this.store = store;
        this.router = router;
        this.abort = abort;
        this.twin = twin;
        this.workflows = workflows;
        this.clock = clock;
    }

    Rollout owned(RolloutContext context) {
        Rollout rollout = store.find(context.service())
                .orElseThrow(() -> new SupersededException(context.service(), context.execution(), "nothing"));
        if (!rollout.execution().equals(context.execution())) {
            throw new SupersededException(context.service(), context.execution(), rollout.execution());
        }
        return rollout;
    }

    /**
     * The record of a rollout that may still move forward. The fast path may have sent all traffic to the primary
     * since the last step; no step may undo that, and a waiting step goes to the rollback at once.
     */
    Rollout proceeding(RolloutContext context) {
        Rollout rollout = owned(context);
        if (rollout.phase() == Phase.ABORTED) {
            throw new RolloutFailedException(rollout.reason());
        }
        return rollout;
    }

    /**
     * A step's weights went on the route after another writer took the rollout over: an abort or a newer rollout
     * sent all traffic to the primary first, and no step of this execution may undo that.
     */
    void undoIfTakenOver(RolloutContext context) {
        boolean ours = store.find(context.service())
                .filter(now -> now.execution().equals(context.execution()) && now.phase() != Phase.ABORTED)
                .isPresent();
        if (!ours) {
            router.allToPrimary(context.app(), context.spec().router());
        }
    }

    /** {@code context}'s execution takes the record over from {@code older}'s, which stops. */
    void supersede(RolloutContext context, Rollout older) {
        abort.allToPrimary(older);
        if (older.phase() == Phase.PROMOTING) {
            // The primary is part-way to the superseded revision; the new rollout starts from the one it ran before.
            twin.deployPrimary(context, older.primaryTaskDefinition());
        }
        store.save(older.moveTo(Phase.SUPERSEDED, "superseded by " + context.execution(), clock.instant()));
        workflows.stop(older.execution(), "Superseded", "superseded by execution " + context.execution());
    }
}
