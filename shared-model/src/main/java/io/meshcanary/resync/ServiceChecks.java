package io.meshcanary.resync;

import io.meshcanary.port.RolloutStore;
import io.meshcanary.port.SpecStore.StoredSpec;
import io.meshcanary.rollout.Rollout;
import io.meshcanary.spec.CanarySpec;
import io.meshcanary.spec.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The resync's checks of one onboarded service, in the order their repairs depend on: a stuck rollout, an alarm that
 * never aborted its rollout, the route's weights against the record, a native deployment's unanswered pause, and the
 * Cloud Map registrations against the live tasks.
 */
public final class ServiceChecks {

    private final RolloutStore store;
    private final StuckRolloutCheck stuck;
    private final AlarmCheck alarms;
    private final WeightCheck weights;
    private final NativePauseCheck pauses;
    private final RegistrationCheck registrations;

    public ServiceChecks(RolloutStore store, StuckRolloutCheck stuck, AlarmCheck alarms, WeightCheck weights,
            NativePauseCheck pauses, RegistrationCheck registrations) {
        this.store = store;
        this.stuck = stuck;
        this.alarms = alarms;
        this.weights = weights;
        this.pauses = pauses;
        this.registrations = registrations;
    }

    /** A fresh view of the live tasks for one resync, listing each cluster once. */
    ClusterTasks listing() {
        return registrations.listing();
    }

    List<Drift> check(StoredSpec stored, String service, ClusterTasks listed, boolean dryRun) {
        CanarySpec spec = CanarySpec.parse(stored.source());
        List<Drift> drifts = new ArrayList<>();
        Optional<Rollout> record = store.find(service);
        if (record.isPresent()) {
            // A stuck rollout first: rolling it back moves the route and the record, which the weights then match.
            Optional<Drift> dead = stuck.check(record.get(), dryRun);
            dead.or(() -> alarms.check(record.get(), dryRun)).ifPresent(drifts::add);
            Rollout now = drifts.isEmpty() || dryRun ? record.get() : store.find(service).orElseThrow();
            weights.check(now, spec.router(), dryRun).ifPresent(drifts::add);
        }
        if (spec.mode() == Mode.NATIVE && drifts.isEmpty()) {
            // After a stuck rollout's rollback, the next resync finds the pause answered.
            drifts.addAll(pauses.check(stored.cluster(), stored.app(), record, dryRun));
        }
        drifts.addAll(registrations.check(listed, stored.cluster(), stored.app(), spec.router(), dryRun));
        return drifts;
    }
}
