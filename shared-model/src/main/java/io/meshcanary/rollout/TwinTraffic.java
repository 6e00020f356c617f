package io.meshcanary.rollout;

import io.meshcanary.model.Track;
import io.meshcanary.port.EcsServices;
import io.meshcanary.port.RolloutEvents;
import io.meshcanary.port.RolloutStore;
import io.meshcanary.port.RouterFactory;
import io.meshcanary.port.ServiceScaling;
import io.meshcanary.port.TrafficControl;
import io.meshcanary.port.Workflows;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The twin engine: the user's service is the canary track, meshcanary's twin the primary, and the spec's router weighs
 * the two. Each verb is its room's: {@link Onboarding}, {@link TrafficSteps}, {@link Capacity}, {@link Rollback},
 * {@link Offboarding}, and the {@link TwinRoute}; a judge's {@link EqualBaseline} is a third service beside them.
 */
public final class TwinTraffic implements TrafficControl {

    private final Onboarding onboarding;
    private final TrafficSteps steps;
    private final Capacity capacity;
    private final Rollback rollback;
    private final Offboarding offboarding;
    private final TwinRoute route;

    /** Wires the twin's rooms around one instance of each shared collaborator. */
    public TwinTraffic(RolloutStore store, RouterFactory routers, EcsServices ecs, ServiceScaling scaling,
            Workflows workflows, RolloutEvents events, Clock clock) {
        Announcer announcer = new Announcer(events);
        Twin twin = new Twin(ecs, scaling, new EqualBaseline(routers, ecs));
        this.route = new TwinRoute(routers, ecs);
        ExecutionGuard guard = new ExecutionGuard(store, route, workflows, clock);
        this.capacity = new Capacity(guard, twin, routers, clock);
        this.onboarding = new Onboarding(store, routers, twin, guard, announcer, clock);
        this.steps = new TrafficSteps(store, routers, twin, guard, announcer, clock);
        this.rollback = new Rollback(store, route, twin, capacity, announcer, clock);
        this.offboarding = new Offboarding(store, routers, twin, guard, clock);
    }

    @Override
    public Plan start(RolloutContext context, String deploymentId, String specJson) {
        return onboarding.initialize(context, deploymentId, specJson);
    }

    /** The user's service, the canary track, scales out to the spec's capacity. */
    @Override
    public Instant prepare(RolloutContext context) {
        return steps.scaleCanary(context);
    }

    @Override
    public boolean capacityReady(RolloutContext context, Track track, Instant waitingSince) {
        return capacity.ready(context, track, waitingSince);
    }

    @Override
    public StepTaken stepTo(RolloutContext context, int stepsDone) {
        return new StepTaken(steps.setWeight(context, stepsDone), true);
    }

    @Override
    public Instant promote(RolloutContext context) {
        return steps.promote(context);
    }

    @Override
    public Optional<Rollout> finish(RolloutContext context) {
        return steps.finish(context);
    }

    @Override
    public Optional<Rollout> rollBack(RolloutContext context, String reason) {
        return rollback.rollback(context, reason);
    }

    @Override
    public Reverted revert(Rollout rollout) {
        return route.revert(rollout);
    }

    @Override
    public Weights currentWeights(Rollout rollout) {
        return route.currentWeights(rollout);
    }

    @Override
    public Map<String, String> placeholders(RolloutContext context, Rollout rollout, Track track) {
        return steps.placeholders(context, rollout, track);
    }

    @Override
    public Optional<Instant> offboard(RolloutContext context) {
        return offboarding.offboard(context);
    }

    @Override
    public void offboarded(RolloutContext context) {
        offboarding.offboarded(context);
    }
}
