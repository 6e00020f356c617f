package io.meshcanary.resync;

import io.meshcanary.port.RolloutStore;
import io.meshcanary.port.Workflows;
import io.meshcanary.rollout.Rollout;
import io.meshcanary.rollout.RolloutContext;
import io.meshcanary.rollout.RolloutSteps;
import io.meshcanary.spec.CanarySpec;
import java.util.Optional;

/**
 * Finds an active rollout whose execution ended (failed, timed out, stopped, or was deleted) without taking the
 * record to a final phase, and rolls it back as the workflow's own rollback step would: nothing else ever will.
 */
public final class StuckRolloutCheck {

    static final String RUNNING = "RUNNING";

    private final Workflows workflows;
    private final RolloutStore store;
    private final RolloutSteps steps;

    public StuckRolloutCheck(Workflows workflows, RolloutStore store, RolloutSteps steps) {
        this.workflows = workflows;
        this.store = store;
        this.steps = steps;
    }

    Optional<Drift> check(Rollout record, boolean dryRun) {
        if (!record.active()) {
            return Optional.empty();
        }
        Optional<String> status = workflows.status(record.execution());
        if (status.filter(RUNNING::equals).isPresent()) {
            return Optional.empty();
        }
        // An execution ends right after its last step ends the record: only a record unchanged since it was read,
        // before the status, is stuck.
        if (store.find(record.service()).filter(now -> now.version() == record.version()).isEmpty()) {
            return Optional.empty();
        }
        String found = "execution %s %s but the rollout is still %s".formatted(record.execution(),
                status.map(ended -> "ended " + ended).orElse("does not exist"), record.phase());
        if (!dryRun) {
            steps.rollback(new RolloutContext(record.cluster(), record.app(), record.execution(),
                    CanarySpec.parse(record.spec())), "Stuck: " + found);
        }
        return Optional.of(new Drift(DriftKind.STUCK_ROLLOUT, record.service(), found,
                "roll back: all traffic to the primary, the canary scaled in only if the primary has "
                + "registered, healthy tasks of its revision, the rollout FAILED", !dryRun));
    }
}
