package io.meshcanary.rollout;

import io.meshcanary.analysis.AlarmState;
import io.meshcanary.analysis.StepPlan;
import io.meshcanary.model.Track;
import io.meshcanary.model.TrackedService;
import io.meshcanary.nativemode.NativeDeployment;
import io.meshcanary.nativemode.PauseAnswer;
import io.meshcanary.port.MetricsReader;
import io.meshcanary.port.RolloutEvents;
import io.meshcanary.port.RolloutStore;
import io.meshcanary.port.ServiceDeployments;
import io.meshcanary.port.TrafficControl;
import io.meshcanary.port.Workflows;
import io.meshcanary.spec.Placeholders;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The native engine: ECS runs its own deployment of the app's service and stops at meshcanary's pause hook before each
 * production traffic step and once more after the last; this engine answers each pause. ECS holds the pause for as
 * long as the hook's timeout, so the workflow holds by not answering yet, and a rollout creates nothing that serves
 * traffic. The record's deployment is the service deployment's ARN, its canary the deployment's target revision and
 * its weights those ECS reports for it.
 */
public final class NativeTraffic implements TrafficControl {

    /** How the execution of an event of a deployment that is not the service's current one ends, as its cause says. */
    public static final String NOT_CURRENT_DEPLOYMENT = "NOT_CURRENT_DEPLOYMENT";

    private final RolloutStore store;
    private final ServiceDeployments deployments;
    private final NativeRevert route;
    private final MetricsReader metrics;
    private final ExecutionGuard guard;
    private final Announcer announcer;
    private final Clock clock;

    public NativeTraffic(RolloutStore store, ServiceDeployments deployments, MetricsReader metrics,
            Workflows workflows, RolloutEvents events, Clock clock) {
        this.store = store;
        this.deployments = deployments;
        this.route = new NativeRevert(deployments);
        this.metrics = metrics;
        this.guard = new ExecutionGuard(store, this, workflows, clock);
        this.announcer = new Announcer(events);
        this.clock = clock;
    }

    /** The rollout of the service deployment {@code deploymentId} names, which must still be in progress. */
    @Override
    public Plan start(RolloutContext context, String deploymentId, String specJson) {
        Optional<Rollout> current = store.find(context.service());
        if (current.isPresent() && current.get().execution().equals(context.execution())) {
            return Onboarding.plan(context, false);
        }
        NativeDeployment deployment = deployments.describe(deploymentId).orElseThrow(() -> new InvalidInputException(
                "deploymentId", "ECS has no service deployment " + deploymentId));
        if (!deployment.inProgress()) {
            throw new NoReleaseException(notCurrent(context, deployment));
        }
        // ECS stopped the older deployment itself when this one started; the older execution stops here.
        current.filter(Rollout::active).ifPresent(older -> guard.supersede(context, older));
        Rollout started = Rollout.start(context.cluster(), context.app(), deploymentId, context.execution(), false,
                deployments.taskDefinition(deployment.targetRevision()),
                deployments.taskDefinition(deployment.sourceRevision()), specJson, clock.instant());
        store.save(started);
        announcer.announce(RolloutEvent.ROLLOUT_STARTED, started, null, started.updatedAt());
        return Onboarding.plan(context, false);
    }

    /**
     * Why a late or repeated event of a deployment ECS has ended (stopped by a newer one, rolled back, done) starts no
     * rollout, naming the service's current deployment beside it. ECS runs one deployment of a service at a time, so
     * the one not in progress is not the current one.
     */
    private String notCurrent(RolloutContext context, NativeDeployment ended) {
        String current = deployments.inProgress(context.cluster(), context.app()).stream().findFirst()
                .map(deployment -> "the service's current deployment is " + deployment.arn())
                .orElse("the service has no deployment in progress");
        return "%s: ECS's service deployment %s is %s, not the service's current one (%s): nothing to judge"
                .formatted(NOT_CURRENT_DEPLOYMENT, ended.arn(), ended.describe(), current);
    }

    /** Nothing to do: ECS scales the new revision to the service's full size before any traffic moves. */
    @Override
    public Instant prepare(RolloutContext context) {
        guard.proceeding(context);
        return clock.instant();
    }

    /**
     * The canary is ready once ECS waits at meshcanary's first pause (it pauses only once the new revision is healthy
     * at full size); the promotion is done once the deployment is SUCCESSFUL, every pause on the way answered
     * CONTINUE.
     */
    @Override
    public boolean capacityReady(RolloutContext context, Track track, Instant waitingSince) {
        Rollout rollout = guard.proceeding(context);
        NativeDeployment deployment = deployment(rollout);
        if (track == Track.PRIMARY && deployment.successful()) {
            return true;
        }
        requireInProgress(deployment);
        if (track == Track.CANARY) {
            return deployment.waitingHook().isPresent();
        }
        deployment.waitingHook().ifPresent(hook -> answer(rollout, rollout, deployment, hook,
                PauseAnswer.CONTINUE, "promoting"));
        return false;
    }

    /**
     * Answers the pause ECS waits at with CONTINUE while ECS's weight is below the plan's; at a stop of ECS's grid
     * between the spec's weights the spec's alarms are checked first. Once ECS waits at the plan's weight the step is
     * recorded.
     *
     * @return ECS's weights now, and whether ECS waits at the plan's weight
     */
    @Override
    public StepTaken stepTo(RolloutContext context, int stepsDone) {
        Rollout rollout = guard.proceeding(context);
        if (rollout.step() == stepsDone + 1) {
            return new StepTaken(rollout.weights(), true);
        }
        if (rollout.step() != stepsDone) {
            throw new IllegalStateException("workflow is at step %d but the record of %s is at step %d"
                    .formatted(stepsDone, context.service(), rollout.step()));
        }
        int target = StepPlan.weightAfter(context.spec().steps(), stepsDone)
                .orElseThrow(() -> new IllegalStateException("no weight step left after " + stepsDone));
        NativeDeployment deployment = deployment(rollout);
        requireInProgress(deployment);
        Weights weights = Weights.canaryAt(deployment.percent());
        Optional<String> pause = deployment.waitingHook();
        if (pause.isEmpty()) {
            return new StepTaken(weights, false);
        }
        if (weights.canary() >= target) {
            Rollout stepped = progressing(rollout).withStep(stepsDone + 1, weights, clock.instant())
                    .asNextVersionOf(rollout);
            store.save(stepped);
            announcer.announce(RolloutEvent.WEIGHT_CHANGED, stepped, null, stepped.updatedAt());
            return new StepTaken(weights, true);
        }
        int held = stepsDone == 0 ? 0 : StepPlan.weightAfter(context.spec().steps(), stepsDone - 1).orElseThrow();
        if (weights.canary() != held) {
            requireNoAlarm(context, weights);
        }
        answer(rollout, progressing(rollout), deployment, pause.get(), PauseAnswer.CONTINUE, "on to " + target + "%");
        return new StepTaken(weights, false);
    }

    /** A stop of ECS's grid that the spec does not analyse at is passed only while none of its alarms fires. */
    private void requireNoAlarm(RolloutContext context, Weights weights) {
        AlarmState.firstFiring(metrics.alarmStates(context.spec().analysis().alarms())).ifPresent(alarm -> {
            throw new RolloutFailedException("alarm %s is in ALARM at ECS's pause at %d%%"
                    .formatted(alarm, weights.canary()));
        });
    }

    private Rollout progressing(Rollout rollout) {
        return rollout.phase() == Phase.PROGRESSING ? rollout
                : rollout.moveTo(Phase.PROGRESSING, "ECS shifts the traffic", clock.instant());
    }

    /** Answers the pause after the last traffic step; capacityReady answers any pause left before it. */
    @Override
    public Instant promote(RolloutContext context) {
        Rollout rollout = guard.proceeding(context);
        if (rollout.phase() != Phase.PROMOTING) {
            rollout = rollout.moveTo(Phase.PROMOTING, "promoting " + rollout.canaryTaskDefinition(), clock.instant());
            store.save(rollout);
        }
        Rollout promoting = rollout;
        NativeDeployment deployment = deployment(promoting);
        if (deployment.inProgress()) {
            deployment.waitingHook().ifPresent(hook -> answer(promoting, promoting, deployment, hook,
                    PauseAnswer.CONTINUE, "promoting"));
        }
        return clock.instant();
    }

    @Override
    public Optional<Rollout> finish(RolloutContext context) {
        Rollout rollout = guard.proceeding(context);
        if (rollout.phase() == Phase.SUCCEEDED) {
            return Optional.empty();
        }
        Weights weights = Weights.canaryAt(deployment(rollout).percent());
        Rollout succeeded = rollout.promoted(weights, clock.instant())
                .moveTo(Phase.SUCCEEDED, "promoted", clock.instant()).asNextVersionOf(rollout);
        store.save(succeeded);
        announcer.announce(RolloutEvent.PROMOTED, succeeded, null, succeeded.updatedAt());
        return Optional.of(succeeded);
    }

    @Override
    public Optional<Rollout> rollBack(RolloutContext context, String reason) {
        Optional<Rollout> current = store.find(context.service());
        if (current.isEmpty() || !current.get().execution().equals(context.execution())
                || current.get().phase() == Phase.FAILED) {
            return Optional.empty();
        }
        Rollout rollout = current.get();
        Reverted reverted = revert(rollout);
        Rollout rolling = rollout.phase() == Phase.ROLLING_BACK ? rollout
                : rollout.moveTo(Phase.ROLLING_BACK, reason, clock.instant());
        Rollout failed = rolling.withWeights(reverted.weights(), reverted.note(), clock.instant())
                .moveTo(Phase.FAILED, reason, clock.instant()).asNextVersionOf(rollout);
        store.save(failed);
        announcer.announce(RolloutEvent.ROLLED_BACK, failed, failed.reason(), failed.updatedAt());
        return Optional.of(failed);
    }

    @Override
    public Reverted revert(Rollout rollout) {
        return route.revert(rollout);
    }

    @Override
    public Weights currentWeights(Rollout rollout) {
        return route.currentWeights(rollout);
    }

    /**
     * The service's names, and what tells the track's revision apart in CloudWatch: its target group (and load
     * balancer), read from the deployment's target revision. A service behind more than one load balancer is judged
     * by its first; on Service Connect there is none, and onboarding refuses a spec that would need it.
     */
    @Override
    public Map<String, String> placeholders(RolloutContext context, Rollout rollout, Track track) {
        Map<String, String> values = new LinkedHashMap<>(Placeholders.values(new TrackedService(context.app(), track),
                context.cluster(), context.spec().router()));
        deployments.targetGroups(deployment(rollout).targetRevision()).stream().findFirst()
                .ifPresent(groups -> values.putAll(groups.placeholders(track)));
        return values;
    }

    @Override
    public Optional<Instant> offboard(RolloutContext context) {
        throw offboardedByTheCli(context);
    }

    @Override
    public void offboarded(RolloutContext context) {
        throw offboardedByTheCli(context);
    }

    private static InvalidInputException offboardedByTheCli(RolloutContext context) {
        return new InvalidInputException("action", ("%s is a native app: `meshcanary offboard %s` takes meshcanary's"
                + " pause hook off its service, and no workflow is needed").formatted(context.app(), context.app()));
    }

    /**
     * Answers ECS's pause and records the answer with ECS's weights in the rollout's history.
     *
     * @param read the record as stored
     * @param changed {@code read} with changes not yet written, written with the answer
     */
    private void answer(Rollout read, Rollout changed, NativeDeployment deployment, String hook, PauseAnswer answer,
            String why) {
        deployments.answer(deployment.arn(), hook, answer);
        Weights weights = Weights.canaryAt(deployment.percent());
        store.save(changed.withWeights(weights, "ECS's pause at %d%% answered %s (%s)".formatted(weights.canary(),
                answer, why), clock.instant()).asNextVersionOf(read));
    }

    private NativeDeployment deployment(Rollout rollout) {
        return deployments.describe(rollout.deploymentId()).orElseThrow(() -> new RolloutFailedException(
                "ECS no longer knows service deployment " + rollout.deploymentId()));
    }

    private static void requireInProgress(NativeDeployment deployment) {
        if (!deployment.inProgress()) {
            throw new RolloutFailedException("ECS's deployment ended %s".formatted(deployment.describe()));
        }
    }
}
