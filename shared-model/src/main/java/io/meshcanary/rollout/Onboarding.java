package io.meshcanary.rollout;

import io.meshcanary.port.RolloutStore;
import io.meshcanary.port.RouterFactory;
import io.meshcanary.spec.CanarySpec;
import io.meshcanary.spec.InvalidSpecException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The start of every rollout: the first one of a service adopts its route and creates the twin (the bootstrap), a
 * later one supersedes an older active rollout, and one after a change of router moves the twin to the new router.
 */
public final class Onboarding {

    private final RolloutStore store;
    private final RouterFactory routers;
    private final Twin twin;
    private final ExecutionGuard guard;
    private final Announcer announcer;
    private final Clock clock;

    Onboarding(RolloutStore store, RouterFactory routers, Twin twin, ExecutionGuard guard,
            Announcer announcer, Clock clock) {
        this.store = store;
        this.routers = routers;
        this.twin = twin;
        this.guard = guard;
        this.announcer = announcer;
        this.clock = clock;
    }

    /**
     * Starts the rollout of the canary service's current task definition, superseding an older active rollout. For
     * a newly onboarded service it adopts the route (the router adds what it needs around it, such as App Mesh's
     * per-track virtual nodes) and creates the primary twin instead.
     */
    public Plan initialize(RolloutContext context, String deploymentId, String specJson) {
        ServiceState canary = twin.canary(context)
                .orElseThrow(() -> new InvalidInputException("service", "ECS cluster %s has no service %s"
                        .formatted(context.cluster(), context.app())));
        Optional<Rollout> current = store.find(context.service());
        if (current.isPresent() && current.get().execution().equals(context.execution())) {
            return plan(context, current.get().bootstrap());
        }
        requireOwnTargetGroup(context, canary);
        Optional<ServiceState> primary = twin.primary(context);
        if (primary.isEmpty()) {
            twin.requireTwinnable(context);
        }
        // Adopting the route comes first: a route the spec names wrongly then fails the rollout before anything is
        // created, and a load balancer's twin needs its target group on the route before ECS accepts it.
        TwinAttachment attachment = routers.bind(context).reconcile();
        // A twin made for another router (App Mesh's, before the spec's router changed) is in no group this router
        // weighs: the bootstrap attaches it and waits until it serves there before its group gets weight.
        boolean moving = primary.isPresent() && !attachment.reaches(primary.get());
        // Until a bootstrap has moved the team's traffic onto the twin, the next deployment bootstraps again.
        boolean bootstrap = primary.isEmpty() || moving
                || current.filter(older -> !older.primaryServes()).isPresent();
        // An active rollout knows what the primary ran before it; the primary itself may be part-way promoted.
        String primaryTaskDefinition = current.filter(Rollout::active).map(Rollout::primaryTaskDefinition)
                .or(() -> primary.map(ServiceState::taskDefinition)).orElse(canary.taskDefinition());
        if (!bootstrap && canary.taskDefinition().equals(primaryTaskDefinition)) {
            // ECS's circuit breaker rolling the user's service back, or a redeploy of what the primary runs.
            throw new NoReleaseException("ECS service %s runs %s, the primary's revision: nothing to roll out"
                    .formatted(context.app(), canary.taskDefinition()));
        }
        current.filter(Rollout::active).ifPresent(older -> guard.supersede(context, older));
        if (primary.isEmpty()) {
            twin.create(context, canary.taskDefinition(), attachment);
        } else if (moving) {
            twin.attach(context, attachment);
        }
        twin.copyScaling(context, attachment);
        List<RouteTarget> teamTargets = attachment.teamTargets().isEmpty()
                ? current.map(Rollout::teamTargets).orElse(List.of()) : attachment.teamTargets();
        // Moving the twin releases nothing: the bootstrap waits for the primary's own revision, and the user's
        // deployment is released by the next one.
        String released = moving ? primaryTaskDefinition : canary.taskDefinition();
        Rollout started = Rollout.start(context.cluster(), context.app(), deploymentId, context.execution(), bootstrap,
                released, primaryTaskDefinition, specJson, clock.instant()).withTeamTargets(teamTargets)
                .withPrimaryTargetGroup(attachment.twinTargetGroup().orElse(null));
        store.save(started);
        if (!bootstrap) {
            // A bootstrap shifts no traffic and has no canary to promote; its whole life stays off the bus.
            announcer.announce(RolloutEvent.ROLLOUT_STARTED, started, null, started.updatedAt());
        }
        return plan(context, bootstrap);
    }

    /** A target group that the user's own service is not attached to would carry another service's traffic. */
    private static void requireOwnTargetGroup(RolloutContext context, ServiceState canary) {
        Optional<String> targetGroup = context.spec().router().canaryTargetGroup();
        if (targetGroup.isPresent() && !canary.targetGroups().contains(targetGroup.get())) {
            throw new InvalidSpecException("router.targetGroupArn", ("names %s, but ECS service %s is attached to %s;"
                    + " it must name the service's own target group").formatted(targetGroup.get(), context.app(),
                    canary.targetGroups().isEmpty() ? "no target group" : String.join(", ", canary.targetGroups())));
        }
    }

    /** How the workflow routes a rollout of {@code context}'s spec; a native rollout is never a bootstrap. */
    static Plan plan(RolloutContext context, boolean bootstrap) {
        CanarySpec spec = context.spec();
        return new Plan(bootstrap, spec.intervalSeconds(), Plan.pollSecondsFor(spec,
                Math.max(spec.timeouts().capacitySeconds(), spec.timeouts().promotionSeconds())),
                GateSteps.kind(spec, GateStage.PRE_ROLLOUT), GateSteps.kind(spec, GateStage.PRE_STEP),
                GateSteps.kind(spec, GateStage.PRE_PROMOTION), spec.timeouts().gateSeconds());
    }
}
