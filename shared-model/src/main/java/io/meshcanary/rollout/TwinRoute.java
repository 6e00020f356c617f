package io.meshcanary.rollout;

import io.meshcanary.model.Track;
import io.meshcanary.model.TrackedService;
import io.meshcanary.port.EcsServices;
import io.meshcanary.port.TrafficRevert;
import io.meshcanary.port.RouterFactory;
import io.meshcanary.spec.Placeholders;
import java.util.Map;

/**
 * The twin engine's route, as the rest of the house sees it: the fast path that takes traffic off the canary, the
 * weights read back, and the placeholders of each track. It needs only the router and ECS, so the guards' functions
 * carry no scaling.
 */
public final class TwinRoute implements TrafficRevert {

    private final RouterFactory routers;
    private final EcsServices ecs;

    public TwinRoute(RouterFactory routers, EcsServices ecs) {
        this.routers = routers;
        this.ecs = ecs;
    }

    /**
     * During PROMOTING the primary is part-way through deploying the revision the revert is about, so "all traffic on
     * the primary" is safe only once it runs its previous revision again: the same call redeploys that revision.
     */
    @Override
    public Reverted revert(Rollout rollout) {
        // Traffic first: it is what the revert is for, and it is safe to repeat whatever the record says.
        Weights weights = allToPrimary(rollout);
        if (rollout.phase() != Phase.PROMOTING) {
            return new Reverted(weights, "all traffic on the primary");
        }
        ecs.deploy(rollout.cluster(), new TrackedService(rollout.app(), Track.PRIMARY).serviceName(),
                rollout.primaryTaskDefinition());
        return new Reverted(weights,
                "all traffic on the primary, which goes back to " + rollout.primaryTaskDefinition());
    }

    /**
     * All the tracks' traffic to the primary. A bootstrap that has not moved the team's traffic yet leaves the route
     * alone: the team's own target serves it, and the twin may have no capacity at all.
     */
    Weights allToPrimary(Rollout rollout) {
        if (!rollout.primaryServes()) {
            return rollout.weights();
        }
        return routers.bind(rollout).allToPrimary();
    }

    Weights currentWeights(Rollout rollout) {
        return routers.bind(rollout).currentWeights();
    }

    static Map<String, String> placeholders(RolloutContext context, Track track) {
        return Placeholders.values(new TrackedService(context.app(), track), context.cluster(),
                context.spec().router());
    }
}
