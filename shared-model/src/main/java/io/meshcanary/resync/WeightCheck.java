package io.meshcanary.resync;

import io.meshcanary.port.RolloutStore;
import io.meshcanary.port.RouterFactory;
import io.meshcanary.port.TrafficRouter;
import io.meshcanary.rollout.Rollout;
import io.meshcanary.rollout.Weights;
import io.meshcanary.spec.Mode;
import io.meshcanary.spec.RouterSpec;
import java.util.Optional;

/**
 * Compares the route's weights, read back through the router, with the rollout record: an active rollout's record
 * holds the weights its last step applied, and an ended rollout left all traffic on the primary.
 */
public final class WeightCheck {

    private final RouterFactory routers;
    private final RolloutStore store;

    public WeightCheck(RouterFactory routers, RolloutStore store) {
        this.routers = routers;
        this.store = store;
    }

    Optional<Drift> check(Rollout record, RouterSpec route, boolean dryRun) {
        // Until a bootstrap has moved it, the team's own target carries the traffic and the tracks none. ECS moves a
        // native app's weights: meshcanary has no route of its own to compare.
        if (!record.primaryServes() || route.mode() == Mode.NATIVE) {
            return Optional.empty();
        }
        Weights expected = record.active() ? record.weights() : Weights.ALL_PRIMARY;
        TrafficRouter router = routers.bind(record.cluster(), record.app(), route);
        Weights actual = router.currentWeights();
        if (actual.equals(expected)) {
            return Optional.empty();
        }
        // A step applies its weights before it records them: a record written since ours was read means a step is
        // moving the route right now, and the next resync looks again.
        boolean unchanged = store.find(record.service()).filter(now -> now.version() == record.version()).isPresent();
        if (!unchanged) {
            return Optional.empty();
        }
        String found = "%s sends %d%% to the canary, the %s rollout record says %d%%".formatted(
                route.describe(), actual.canary(), record.phase(), expected.canary());
        if (expected.canary() > actual.canary()) {
            // Only a step, after its analysis, may send the canary more traffic; an abort or a newer rollout may have
            // taken it back since the record was read.
            return Optional.of(new Drift(DriftKind.WEIGHT_DRIFT, record.service(), found,
                    "none: the resync never raises a canary's weight", false));
        }
        if (!dryRun) {
            router.applyWeights(expected);
        }
        return Optional.of(new Drift(DriftKind.WEIGHT_DRIFT, record.service(), found,
                "apply primary %d%%, canary %d%%".formatted(expected.primary(), expected.canary()), !dryRun));
    }
}
