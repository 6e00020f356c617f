package io.meshcanary.rollout;

import io.meshcanary.port.ConcurrentUpdateException;
import io.meshcanary.port.RolloutEvents;
import io.meshcanary.port.RolloutStore;
import io.meshcanary.port.TrafficRevert;
import io.meshcanary.port.Workflows;
import java.time.Clock;
import java.util.Optional;

/**
 * Counts canary tasks that stop with a failure against the active rollout; past the spec's
 * {@code analysis.maxCanaryCrashes} it takes the same fast path as the alarm guard: traffic to the primary at once,
 * the record ABORTED, and the workflow finishes the rollback at its next step.
 *
 * <p>The counted task ids live in the record, so a duplicate STOPPED event counts nothing twice.
 */
public final class CrashGuard {

    private final RolloutStore store;
    private final RolloutAbort abort;
    private final Announcer announcer;
    private final Clock clock;

    public CrashGuard(RolloutStore store, TrafficRevert traffic, Workflows workflows, RolloutEvents events,
            Clock clock) {
        this.store = store;
        this.abort = new RolloutAbort(store, traffic, workflows, clock);
        this.announcer = new Announcer(events);
        this.clock = clock;
    }

    /**
     * @param service the rollout's key, {@code <cluster>/<app>}
     * @param taskId the id of the canary task that stopped
     * @param taskDefinitionArn the task definition the task ran
     * @param failure why the stop is a failure, kept in the record's history and reason
     */
    public CrashOutcome onCanaryCrash(String service, String taskId, String taskDefinitionArn, String failure) {
        for (int attempt = 1; ; attempt++) {
            Optional<Rollout> found = store.find(service).filter(CrashGuard::counting);
            if (found.isEmpty()) {
                return CrashOutcome.IGNORED_NO_ROLLOUT;
            }
            Rollout rollout = found.get();
            if (!rollout.canaryTaskDefinition().equals(taskDefinitionArn)) {
                return CrashOutcome.IGNORED_OTHER_REVISION;
            }
            if (rollout.crashedTasks().contains(taskId)) {
                return CrashOutcome.ALREADY_COUNTED;
            }
            try {
                return count(rollout, taskId, failure);
            } catch (ConcurrentUpdateException e) {
                if (attempt == RolloutAbort.ATTEMPTS) {
                    // Nothing was written; the event's retry counts the crash from the record as it is then.
                    throw e;
                }
            }
        }
    }

    private CrashOutcome count(Rollout rollout, String taskId, String failure) {
        Rollout counted = rollout.withCanaryCrash(taskId, failure, clock.instant());
        int limit = rollout.canarySpec().analysis().maxCanaryCrashes();
        if (counted.canaryCrashes() <= limit) {
            store.save(counted.asNextVersionOf(rollout));
            return CrashOutcome.COUNTED;
        }
        String reason = "%d canary tasks crashed, more than the %d the spec allows; the last, %s: %s"
                .formatted(counted.canaryCrashes(), limit, taskId, failure);
        Rollout aborted = abort.abort(rollout, counted, reason);
        announcer.announce(RolloutEvent.ANALYSIS_FAILED, aborted, reason, aborted.updatedAt());
        return CrashOutcome.ABORTED;
    }

    /**
     * Crashes count while the canary may still take traffic. Once the rollout is aborted or rolls back, the rollback
     * is under way; a bootstrap's canary is the user's own service, with no primary to fall back to.
     */
    private static boolean counting(Rollout rollout) {
        return !rollout.bootstrap() && rollout.phase().canMoveTo(Phase.ABORTED);
    }
}
