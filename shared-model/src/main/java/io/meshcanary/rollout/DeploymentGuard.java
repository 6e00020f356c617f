package io.meshcanary.rollout;

import io.meshcanary.model.EcsArns;
import io.meshcanary.model.Track;
import io.meshcanary.model.TrackedService;
import io.meshcanary.port.RolloutEvents;
import io.meshcanary.port.RolloutStore;
import io.meshcanary.port.TrafficRevert;
import io.meshcanary.port.Workflows;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The fast path of a deployment that ECS declares failed (its deployment circuit breaker): a failed deployment of the
 * canary's revision during its rollout, or of the primary while it is promoted, sends the rollout's traffic to the
 * primary in this one call, as an alarm does. During PROMOTING the primary goes back to its previous revision too,
 * and the workflow ends the rollout FAILED.
 *
 * <p>Events are hints: the guard reads the record, so a duplicate, late or stray event changes nothing.
 */
public final class DeploymentGuard {

    /** The trigger names a rollout's deployment after ECS's; a manual execution's is its own name. */
    private static final String ECS_DEPLOYMENT_PREFIX = "ecs-svc/";

    private final RolloutStore store;
    private final RolloutAbort abort;
    private final Announcer announcer;

    public DeploymentGuard(RolloutStore store, TrafficRevert traffic, Workflows workflows, RolloutEvents events,
            Clock clock) {
        this.store = store;
        this.abort = new RolloutAbort(store, traffic, workflows, clock);
        this.announcer = new Announcer(events);
    }

    /**
     * @param serviceArn the service whose deployment failed (the event's {@code resources[0]})
     * @param reason ECS's reason, kept in the rollout's reason
     * @param at when ECS sent the event
     */
    public DeploymentOutcome onDeploymentFailed(String serviceArn, String deploymentId, String reason, Instant at) {
        String cluster = EcsArns.serviceCluster(serviceArn, "resources[0]");
        TrackedService service = TrackedService.fromServiceName(EcsArns.serviceName(serviceArn, "resources[0]"));
        Optional<Rollout> found = store.find(Rollout.key(cluster, service.app()))
                .filter(rollout -> rollout.active() && !rollout.bootstrap());
        if (found.isEmpty()) {
            return new DeploymentOutcome(DeploymentOutcome.IGNORED_NO_ROLLOUT, service.serviceName(), null);
        }
        Rollout rollout = found.get();
        if (!concerns(rollout, service.track(), deploymentId, at)) {
            return new DeploymentOutcome(DeploymentOutcome.IGNORED_OTHER_DEPLOYMENT, service.serviceName(),
                    rollout.execution());
        }
        String why = "ECS deployment %s of %s failed: %s".formatted(deploymentId, service.serviceName(), reason);
        Optional<Rollout> aborted = abort.abortActive(rollout, why);
        aborted.ifPresent(written -> announcer.announce(RolloutEvent.ANALYSIS_FAILED, written, why,
                written.updatedAt()));
        return new DeploymentOutcome(aborted.isPresent() ? DeploymentOutcome.ABORTED
                : DeploymentOutcome.ALREADY_ABORTED, service.serviceName(), rollout.execution());
    }

    /**
     * meshcanary deploys the primary only to promote; the canary's deployment is the rollout's own, when the trigger
     * started it. A failure ECS reported before the rollout started (to the second, as events tell time) is an older
     * deployment's.
     */
    private static boolean concerns(Rollout rollout, Track track, String deploymentId, Instant at) {
        if (at.isBefore(rollout.history().getFirst().at().truncatedTo(ChronoUnit.SECONDS))) {
            return false;
        }
        if (track == Track.PRIMARY) {
            return rollout.phase() == Phase.PROMOTING;
        }
        return !rollout.deploymentId().startsWith(ECS_DEPLOYMENT_PREFIX) || rollout.deploymentId().equals(deploymentId);
    }
}
