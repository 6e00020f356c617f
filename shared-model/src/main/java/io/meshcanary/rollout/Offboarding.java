package io.meshcanary.rollout;

import io.meshcanary.port.RolloutStore;
import io.meshcanary.port.RouterFactory;
import io.meshcanary.port.TrafficRouter;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** The reverse of adoption: the user's service serves again, the route is the team's, and the twin is gone. */
public final class Offboarding {

    private final RolloutStore store;
    private final RouterFactory routers;
    private final Twin twin;
    private final ExecutionGuard guard;
    private final Clock clock;

    Offboarding(RolloutStore store, RouterFactory routers, Twin twin, ExecutionGuard guard, Clock clock) {
        this.store = store;
        this.routers = routers;
        this.twin = twin;
        this.guard = guard;
        this.clock = clock;
    }

    /**
     * Offboarding, first step: the user's service takes the primary's revision, capacity and scaling back. The
     * workflow then waits until it serves ({@link Capacity#ready} of the canary track), and {@link #offboarded}
     * finishes. Resumable: a second offboarding execution picks up where the first stopped.
     *
     * @return when the wait for the user's service starts; empty when the service is offboarded already
     */
    public Optional<Instant> offboard(RolloutContext context) {
        Rollout current = store.find(context.service()).orElseThrow(() -> new InvalidInputException("service",
                "%s in cluster %s has no rollout record: meshcanary never onboarded it".formatted(context.app(),
                        context.cluster())));
        if (current.active() && current.phase() != Phase.OFFBOARDING) {
            throw new InvalidInputException("service", "%s has a rollout in phase %s: abort it or let it end first"
                    .formatted(context.app(), current.phase()));
        }
        if (current.phase() == Phase.OFFBOARDED) {
            return Optional.empty();
        }
        Optional<ServiceState> primary = twin.primary(context);
        String revision = primary.map(ServiceState::taskDefinition).orElse(current.primaryTaskDefinition());
        if (!current.execution().equals(context.execution())) {
            store.save(Rollout.start(context.cluster(), context.app(), context.execution(), context.execution(),
                            false, revision, revision, current.spec(), clock.instant())
                    .withTeamTargets(current.teamTargets())
                    .moveTo(Phase.OFFBOARDING, "offboarding: %s takes %s back".formatted(context.app(), revision),
                            clock.instant())
                    .asNextVersionOf(current));
        }
        if (primary.isPresent()) {
            twin.giveServiceBack(context, revision, Math.max(1, primary.get().desiredCount()));
        }
        return Optional.of(clock.instant());
    }

    /**
     * Offboarding, last step, once the user's service serves: the route goes back to the team's targets, then the
     * twin, its scaling and what the router made for it are removed, and the record ends OFFBOARDED.
     */
    public void offboarded(RolloutContext context) {
        Rollout rollout = guard.owned(context);
        if (rollout.phase() == Phase.OFFBOARDED) {
            return;
        }
        // A judge's baseline, had a crash left one, leaves the route before the route goes back to the team.
        twin.baseline().removeLeftOver(context);
        TrafficRouter router = routers.bind(context);
        router.giveBack(rollout.teamTargets());
        twin.remove(context);
        router.removeTracks();
        store.save(rollout.moveTo(Phase.OFFBOARDED, "offboarded: the route is the team's, the twin is gone",
                clock.instant()));
    }
}
