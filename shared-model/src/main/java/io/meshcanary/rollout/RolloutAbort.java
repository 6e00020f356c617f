package io.meshcanary.rollout;

import io.meshcanary.port.RolloutStore;
import io.meshcanary.port.TrafficRouter;
import io.meshcanary.port.Workflows;
import io.meshcanary.spec.CanarySpec;
import java.time.Clock;

/**
 * The fast path shared by an operator's abort, the alarm guard and the crash guard: traffic goes to the primary at
 * once, the record becomes ABORTED, and a manual gate the workflow waits at is failed. The workflow finishes the
 * rollback at its next step; setWeight and analyze both read ABORTED.
 */
final class RolloutAbort {

    private final RolloutStore store;
    private final TrafficRouter router;
    private final Workflows workflows;
    private final Clock clock;

    RolloutAbort(RolloutStore store, TrafficRouter router, Workflows workflows, Clock clock) {
        this.store = store;
        this.router = router;
        this.workflows = workflows;
        this.clock = clock;
    }

    /**
     * Aborts {@code rollout}, the active record as just read; the spec comes from the record, so the caller needs
     * nothing else.
     *
     * @return the record as written
     *
     * @throws io.meshcanary.port.ConcurrentUpdateException if the record changed since it was read; traffic is on
     *     the primary all the same
     */
    Rollout abort(Rollout rollout, String reason) {
        return abort(rollout, rollout, reason);
    }

    /**
     * Aborts {@code changed}, the active record {@code read} with changes not yet written (a crash counted, for
     * example), so that the changes and the abort are one conditional write.
     */
    Rollout abort(Rollout read, Rollout changed, String reason) {
        // Traffic first: it is what the abort is for, and it is safe to repeat whatever the record says.
        Weights weights = allToPrimary(read);
        Rollout aborted = changed.phase() == Phase.ABORTED ? changed
                : changed.moveTo(Phase.ABORTED, reason, clock.instant());
        Rollout written = aborted.withWeights(weights, "all traffic on the primary", clock.instant())
                .asNextVersionOf(read);
        store.save(written);
        if (read.approvalToken() != null) {
            workflows.reject(read.approvalToken(), "Aborted", reason);
        }
        return written;
    }

    /**
     * All the tracks' traffic to the primary. A bootstrap that has not moved the team's traffic yet leaves the route
     * alone: the team's own target serves it, and the twin may have no capacity at all.
     */
    Weights allToPrimary(Rollout rollout) {
        if (!rollout.primaryServes()) {
            return rollout.weights();
        }
        return router.finalize(rollout.app(), CanarySpec.parse(rollout.spec()).router());
    }
}
