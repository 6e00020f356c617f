package io.meshcanary.resync;

import io.meshcanary.port.RolloutEvents;
import io.meshcanary.port.RolloutStore;
import io.meshcanary.port.SpecStore;
import io.meshcanary.port.SpecStore.StoredSpec;
import io.meshcanary.rollout.Announcer;
import io.meshcanary.rollout.Rollout;
import io.meshcanary.rollout.RolloutEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled reconciler that heals what events missed. For every onboarded service it compares and repairs, in
 * this order: a rollout whose execution ended without ending it (rolled back), an alarm in ALARM that never aborted
 * its rollout, the route's weights against the record, and the Cloud Map registrations against the live tasks.
 * For a service no longer onboarded whose twin still runs it reports the missing spec and changes nothing; once the
 * twin is gone it removes the registrations and virtual nodes meshcanary left.
 *
 * <p>Each repaired drift is announced as {@link RolloutEvent#DRIFT_REPAIRED} for the service's rollout record; a
 * service that never had a rollout has no record to describe, and its repairs are only reported. A dry run reports
 * the same drift and changes nothing.
 */
public final class Resync {

    private static final Logger LOG = LoggerFactory.getLogger(Resync.class);

    private final SpecStore specs;
    private final RolloutStore store;
    private final ServiceChecks checks;
    private final OrphanCheck orphans;
    private final Announcer announcer;
    private final Clock clock;

    public Resync(SpecStore specs, RolloutStore store, ServiceChecks checks, OrphanCheck orphans,
            RolloutEvents events, Clock clock) {
        this.specs = specs;
        this.store = store;
        this.checks = checks;
        this.orphans = orphans;
        this.announcer = new Announcer(events);
        this.clock = clock;
    }

    public ResyncOutcome run(ResyncRequest request) {
        List<Drift> drifts = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Set<String> onboarded = new HashSet<>();
        ClusterTasks listed = checks.listing();
        int checked = 0;
        for (StoredSpec stored : specs.all()) {
            String service = Rollout.key(stored.cluster(), stored.app());
            onboarded.add(service);
            if (request.covers(service)) {
                checked++;
                collect(service, () -> checks.check(stored, service, listed, request.dryRun()), drifts, errors);
            }
        }
        for (Rollout record : store.all()) {
            // An active rollout carries its spec and finishes whether or not the service is still onboarded.
            if (!onboarded.contains(record.service()) && !record.active() && request.covers(record.service())) {
                checked++;
                collect(record.service(), () -> orphans.check(record, request.dryRun()), drifts, errors);
            }
        }
        if (!request.dryRun()) {
            drifts.stream().filter(Drift::repaired).forEach(this::announce);
        }
        return new ResyncOutcome(request.dryRun(), checked, drifts, errors);
    }

    /** One service's failure is reported and the others are still checked. */
    private static void collect(String service, Supplier<List<Drift>> check, List<Drift> drifts, List<String> errors) {
        try {
            drifts.addAll(check.get());
        } catch (RuntimeException e) {
            LOG.atWarn().setCause(e).addKeyValue("service", service).log("resync could not check the service");
            errors.add(service + ": " + e.getMessage());
        }
    }

    private void announce(Drift drift) {
        store.find(drift.service()).ifPresent(record -> announcer.announce(RolloutEvent.DRIFT_REPAIRED, record,
                drift.reason(), clock.instant()));
    }
}
