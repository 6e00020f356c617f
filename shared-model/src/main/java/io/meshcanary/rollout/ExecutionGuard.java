package io.meshcanary.rollout;

import io.meshcanary.port.RolloutStore;
import io.meshcanary.port.TrafficRevert;
import io.meshcanary.port.Workflows;
import java.time.Clock;

/**
 * Which execution owns a service's rollout record. Every workflow step reads the record through here: a step of an
 * execution that no longer owns it throws {@link SupersededException} and touches nothing, and a newer execution
 * takes the record over from an older one only through {@link #supersede}.
 */
public final class ExecutionGuard {

    private final RolloutStore store;
    private final TrafficRevert traffic;
    private final Workflows workflows;
    private final Clock clock;

    ExecutionGuard(RolloutStore store, TrafficRevert traffic, Workflows workflows, Clock clock) {
        this.store = store;
        this.traffic = traffic;
        this.workflows = workflows;
        this.clock = clock;
    }

    Rollout owned(RolloutContext context) {
        Rollout rollout = store.find(context.service())
                .orElseThrow(() -> new SupersededException(context.service(), context.execution(), "nothing"));
        if (!rollout.execution().equals(context.execution())) {
            throw new SupersededException(context.service(), context.execution(), rollout.execution());
        }
        // A supersede marks the older record before the newer execution writes its own: in between the record still
        // names this execution, but belongs to no live one.
        if (rollout.phase() == Phase.SUPERSEDED) {
            throw new SupersededException(context.service(), context.execution(),
                    "a newer rollout: " + rollout.reason());
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

    /** Whether the record is still {@code context}'s execution's and not aborted, as read now. */
    boolean stillProceeding(RolloutContext context) {
        return store.find(context.service())
                .filter(now -> now.execution().equals(context.execution()) && now.phase() != Phase.ABORTED
                        && now.phase() != Phase.SUPERSEDED)
                .isPresent();
    }

    /**
     * {@code context}'s execution takes the record over from {@code older}'s, which stops. A part-way promotion's
     * stable track goes back to what it ran before: the new rollout starts from there.
     */
    void supersede(RolloutContext context, Rollout older) {
        traffic.revert(older);
        store.save(older.moveTo(Phase.SUPERSEDED, "superseded by " + context.execution(), clock.instant()));
        workflows.stop(older.execution(), "Superseded", "superseded by execution " + context.execution());
    }
}
