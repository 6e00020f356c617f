package io.meshcanary.rollout;

import io.meshcanary.port.ConcurrentUpdateException;
import io.meshcanary.port.RolloutStore;
import io.meshcanary.port.TrafficRevert;
import io.meshcanary.port.Workflows;
import java.time.Clock;
import java.util.Optional;

/**
 * The fast path shared by an operator's abort, the alarm guard, the crash guard and the deployment guard: traffic
 * goes to the primary at once, the record becomes ABORTED, and a manual gate the workflow waits at is failed. The
 * workflow finishes the rollback at its next step; every step reads ABORTED. Whoever moves the rollout's traffic
 * takes it off the canary ({@link TrafficRevert}); this class knows only the record and the workflow.
 */
final class RolloutAbort {

    /** A workflow step may write the record between our read and our write; each lost race costs one re-read. */
    static final int ATTEMPTS = 3;

    private final RolloutStore store;
    private final TrafficRevert traffic;
    private final Workflows workflows;
    private final Clock clock;

    RolloutAbort(RolloutStore store, TrafficRevert traffic, Workflows workflows, Clock clock) {
        this.store = store;
        this.traffic = traffic;
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
        Reverted reverted = traffic.revert(read);
        Rollout aborted = changed.phase() == Phase.ABORTED ? changed
                : changed.moveTo(Phase.ABORTED, reason, clock.instant());
        Rollout written = aborted.withWeights(reverted.weights(), reverted.note(), clock.instant())
                .asNextVersionOf(read);
        store.save(written);
        if (read.approvalToken() != null) {
            workflows.reject(read.approvalToken(), "Aborted", reason);
        }
        return written;
    }

    /**
     * Aborts the rollout of {@code read}'s execution, re-reading the record after each lost race.
     *
     * @return the record as written, or empty when the rollout was aborted already, ended, or was superseded (which
     *     sent its traffic to the primary too)
     * @throws ConcurrentUpdateException after {@link #ATTEMPTS} lost races; traffic is on the primary all the same,
     *     and the event's retry decides again from the record
     */
    Optional<Rollout> abortActive(Rollout read, String reason) {
        Rollout rollout = read;
        for (int attempt = 1; ; attempt++) {
            if (!rollout.phase().canMoveTo(Phase.ABORTED)) {
                // Aborted (or rolling back) already: traffic is on the primary, and only the workflow moves it now.
                return Optional.empty();
            }
            try {
                return Optional.of(abort(rollout, reason));
            } catch (ConcurrentUpdateException e) {
                Optional<Rollout> current = store.find(rollout.service())
                        .filter(found -> found.active() && found.execution().equals(read.execution()));
                if (current.isEmpty()) {
                    return Optional.empty();
                }
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                rollout = current.get();
            }
        }
    }
}
