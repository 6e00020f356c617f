package io.meshcanary.rollout;

import io.meshcanary.port.RolloutStore;
import io.meshcanary.port.Workflows;
import java.time.Clock;

/** What an operator may tell a running rollout: pass the manual gate it waits at, promote early, or abort. */
public final class OperatorCommands {

    /** How an operator's abort reads in the record, its history and the Rolled Back event, whatever the reason. */
    public static final String OPERATOR_ABORT = "aborted by an operator";

    private final RolloutStore store;
    private final Workflows workflows;
    private final RolloutAbort abort;
    private final Clock clock;

    OperatorCommands(RolloutStore store, Workflows workflows, RolloutAbort abort, Clock clock) {
        this.store = store;
        this.workflows = workflows;
        this.abort = abort;
        this.clock = clock;
    }

    /**
     * Runs {@code command} on the active rollout of {@code app}; the reason is the operator's words for an abort, null
     * when none were given.
     */
    public void run(OperatorCommand command, String cluster, String app, String reason) {
        switch (command) {
            case ABORT -> abort(cluster, app, reason);
            case APPROVE -> approve(cluster, app);
            case PROMOTE -> promoteNow(cluster, app);
        }
    }

    /** An operator lets the rollout pass the manual gate it waits at. */
    public void approve(String cluster, String app) {
        Rollout rollout = active(cluster, app);
        if (rollout.approvalToken() == null) {
            throw new InvalidInputException("action", "the rollout of %s waits at no manual gate"
                    .formatted(rollout.service()));
        }
        // The token is sent before it is cleared, so a failed send can be retried with the same command.
        workflows.approve(rollout.approvalToken(), rollout.promoteRequested());
        store.save(rollout.withApprovalToken(null, "approved by an operator", clock.instant()));
    }

    /** An operator skips the remaining steps: the next analysis promotes if it passes. */
    public void promoteNow(String cluster, String app) {
        Rollout rollout = active(cluster, app);
        store.save(rollout.withPromoteRequested("promotion requested by an operator", clock.instant()));
    }

    /**
     * Reverts traffic to the primary at once and marks the rollout ABORTED; the workflow finishes the rollback at its
     * next step, or at once if it waits at a manual gate. The reason is labelled as an operator's, so that it is not
     * read as an alarm's or a failed analysis's.
     *
     * @param reason the operator's words, or null
     */
    public void abort(String cluster, String app, String reason) {
        abort.abort(active(cluster, app), reason == null || reason.isBlank() ? OPERATOR_ABORT
                : OPERATOR_ABORT + ": " + reason);
    }

    private Rollout active(String cluster, String app) {
        return store.find(Rollout.key(cluster, app)).filter(Rollout::active)
                .orElseThrow(() -> new InvalidInputException("service", "%s has no active rollout in cluster %s"
                        .formatted(app, cluster)));
    }
}
