package io.meshcanary.rollout;

import io.meshcanary.analysis.AlarmEvaluation;
import io.meshcanary.analysis.AnalysisJudge;
import io.meshcanary.analysis.CheckOutcome;
import io.meshcanary.analysis.CheckResult;
import io.meshcanary.analysis.MetricEvaluation;
import io.meshcanary.analysis.StepPlan;
import io.meshcanary.analysis.Verdict;
import io.meshcanary.model.EcsArns;
import io.meshcanary.model.Track;
import io.meshcanary.model.TrackedService;
import io.meshcanary.port.ConcurrentUpdateException;
import io.meshcanary.port.EcsServices;
import io.meshcanary.port.GateKeeper;
import io.meshcanary.port.GateTimeoutException;
import io.meshcanary.port.MetricsReader;
import io.meshcanary.port.NodeDirectory;
import io.meshcanary.port.RolloutEvents;
import io.meshcanary.port.RolloutStore;
import io.meshcanary.port.ServiceScaling;
import io.meshcanary.port.TrafficRouter;
import io.meshcanary.port.Workflows;
import io.meshcanary.registry.Registration;
import io.meshcanary.spec.CanarySpec;
import io.meshcanary.spec.Gate;
import io.meshcanary.spec.GateType;
import io.meshcanary.spec.InstanceRegistry;
import io.meshcanary.spec.InvalidSpecException;
import io.meshcanary.spec.MetricCheck;
import io.meshcanary.spec.Placeholders;
import io.meshcanary.spec.RouterSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The steps of the canary workflow. Step Functions owns the order and the waits; each step here reads the rollout
 * record, acts, and writes the record back conditionally. A step of an execution that no longer owns the record
 * throws {@link SupersededException} and touches nothing.
 *
 * <p>Each transition is announced as a {@link RolloutEvent} once its conditional write succeeded, so a step that
 * loses a race to another writer announces nothing.
 */
public final class RolloutSteps {

    private final RolloutStore store;
    private final TrafficRouter<RouterSpec> router;
    private final EcsServices ecs;
    private final ServiceScaling scaling;
    private final NodeDirectory directory;
    private final MetricsReader metrics;
    private final GateKeeper gates;
    private final Workflows workflows;
    private final Clock clock;
    private final RolloutAbort abort;
    private final Announcer announcer;

    public RolloutSteps(RolloutStore store, TrafficRouter<RouterSpec> router, EcsServices ecs, ServiceScaling scaling,
            NodeDirectory directory, MetricsReader metrics, GateKeeper gates, Workflows workflows, RolloutEvents events,
            Clock clock) {
        this.store = store;
        this.router = router;
        this.ecs = ecs;
        this.scaling = scaling;
        this.directory = directory;
        this.metrics = metrics;
        this.gates = gates;
        this.workflows = workflows;
        this.clock = clock;
        this.abort = new RolloutAbort(store, router, ecs, workflows, clock);
        this.announcer = new Announcer(events);
    }

    /**
     * Starts the rollout of the canary service's current task definition, superseding an older active rollout. For
     * a newly onboarded service it adopts the route (the router adds what it needs around it, such as App Mesh's
     * per-track virtual nodes) and creates the primary twin instead.
     */
    public Plan initialize(RolloutContext context, String deploymentId, String specJson) {
        ServiceState canary = ecs.describe(context.cluster(), context.app())
                .orElseThrow(() -> new InvalidInputException("service", "ECS cluster %s has no service %s"
                        .formatted(context.cluster(), context.app())));
        Optional<Rollout> current = store.find(context.service());
        if (current.isPresent() && current.get().execution().equals(context.execution())) {
            return plan(context, current.get().bootstrap());
        }
        requireOwnTargetGroup(context, canary);
        Optional<ServiceState> primary = ecs.describe(context.cluster(), context.primaryService());
        // Adopting the route comes first: a route the spec names wrongly then fails the rollout before anything is
        // created, and a load balancer's twin needs its target group on the route before ECS accepts it.
        TwinAttachment attachment = router.reconcile(context.app(), context.spec().router());
        // A twin made for another router (App Mesh's, before the spec's router changed) is in no group this router
        // weighs: the bootstrap attaches it and waits until it serves there before its group gets weight.
        boolean moving = primary.isPresent() && attachment.kind() != TwinAttachment.Kind.NONE
                && !primary.get().targetGroups().contains(attachment.primaryTargetGroup());
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
        current.filter(Rollout::active).ifPresent(older -> supersede(context, older));
        if (primary.isEmpty()) {
            ecs.createPrimaryTwin(context.cluster(), context.app(), canary.taskDefinition(), attachment);
        } else if (moving) {
            ecs.attachPrimaryTwin(context.cluster(), context.app(), attachment);
        }
        // At every rollout, so that a change the team made to its service's scaling reaches the twin.
        scaling.copyToTwin(context.cluster(), context.app(), context.primaryService());
        List<RouteTarget> teamTargets = attachment.teamTargets().isEmpty()
                ? current.map(Rollout::teamTargets).orElse(List.of()) : attachment.teamTargets();
        // Moving the twin releases nothing: the bootstrap waits for the primary's own revision, and the user's
        // deployment is released by the next one.
        String released = moving ? primaryTaskDefinition : canary.taskDefinition();
        Rollout started = Rollout.start(context.cluster(), context.app(), deploymentId, context.execution(), bootstrap,
                released, primaryTaskDefinition, specJson, now()).withTeamTargets(teamTargets);
        store.save(started);
        if (!bootstrap) {
            // A bootstrap shifts no traffic and has no canary to promote; its whole life stays off the bus.
            publish(RolloutEvent.ROLLOUT_STARTED, started, null);
        }
        return plan(context, bootstrap);
    }

    /** Scales the canary service up to the spec's capacity; after a promotion it sits at zero. */
    public Instant scaleCanary(RolloutContext context) {
        proceeding(context);
        scaling.release(context.cluster(), context.app(), context.primaryService());
        ecs.scale(context.cluster(), context.app(), context.spec().canary().desiredCount());
        return now();
    }

    /**
     * Whether the track runs enough registered tasks of the rollout's revision.
     *
     * @throws RolloutFailedException once {@code deadline} has passed
     */
    public boolean capacityReady(RolloutContext context, Track track, Instant waitingSince) {
        Rollout rollout = proceeding(context);
        String revision = EcsArns.taskDefinitionRevision(rollout.canaryTaskDefinition(), "canaryTaskDefinition");
        // Offboarding gives the user's service the primary's capacity back, not a canary's.
        int wanted = track == Track.CANARY && rollout.phase() != Phase.OFFBOARDING
                ? context.spec().canary().desiredCount()
                : ecs.describe(context.cluster(), context.primaryService()).map(ServiceState::desiredCount).orElse(1);
        TrackCapacity capacity = capacity(context, track, revision);
        // A track is ready only once no task of another revision is left to receive its traffic: the primary's old
        // one during promotion, or a superseded rollout's on the canary track, which the analysis would measure.
        boolean ready = capacity.serves(wanted) && !capacity.stale();
        int timeout = track == Track.CANARY ? context.spec().timeouts().capacitySeconds()
                : context.spec().timeouts().promotionSeconds();
        if (!ready && now().isAfter(waitingSince.plusSeconds(timeout))) {
            throw new RolloutFailedException("%s track has %d of %d registered tasks of revision %s after %ds"
                    .formatted(track.label(), capacity.registered(), wanted, revision, timeout));
        }
        return ready;
    }

    /** Applies the next weight of the plan and records the weights read back from the router. */
    public Weights setWeight(RolloutContext context, int stepsDone) {
        Rollout rollout = proceeding(context);
        // The record is one step ahead only when a retried invocation's first try already wrote it.
        boolean recorded = rollout.step() == stepsDone + 1;
        if (!recorded && rollout.step() != stepsDone) {
            throw new IllegalStateException("workflow is at step %d but the record of %s is at step %d"
                    .formatted(stepsDone, context.service(), rollout.step()));
        }
        int target = StepPlan.weightAfter(context.spec().steps(), stepsDone)
                .orElseThrow(() -> new IllegalStateException("no weight step left after " + stepsDone));
        Weights applied = router.applyWeights(context.app(), context.spec().router(), Weights.canaryAt(target));
        if (applied.canary() != target) {
            throw new RolloutFailedException("route took canary weight %d%%, read back %d%%"
                    .formatted(target, applied.canary()));
        }
        if (!recorded) {
            Rollout progressing = rollout.phase() == Phase.PROGRESSING ? rollout
                    : rollout.moveTo(Phase.PROGRESSING, "traffic shifting", now());
            Rollout stepped = progressing.withStep(stepsDone + 1, applied, now()).asNextVersionOf(rollout);
            try {
                store.save(stepped);
            } catch (ConcurrentUpdateException e) {
                undoIfTakenOver(context);
                throw e;
            }
            publish(RolloutEvent.WEIGHT_CHANGED, stepped, null);
        }
        return applied;
    }

    /** Runs the analysis; {@code promote} when the last step passed, {@code rollback} past the threshold. */
    public Decision analyze(RolloutContext context) {
        Rollout rollout = owned(context);
        if (rollout.phase() == Phase.ABORTED) {
            return new Decision(Decision.ROLLBACK, rollout.reason());
        }
        List<CheckResult> results = new ArrayList<>(AlarmEvaluation.evaluate(context.spec().analysis().alarms(),
                metrics.alarmStates(context.spec().analysis().alarms())));
        Map<String, String> placeholders = placeholders(context);
        for (MetricCheck check : context.spec().analysis().metrics()) {
            MetricCheck resolved = check.resolve(placeholders);
            results.add(MetricEvaluation.evaluate(resolved, metrics.datapoints(resolved, now())));
        }
        Verdict judged = AnalysisJudge.judge(context.spec().analysis(), rollout.failedChecks(),
                rollout.inconclusiveStreak(), results);
        List<String> missing = results.stream().filter(result -> AlarmEvaluation.MISSING.equals(result.detail()))
                .map(CheckResult::check).toList();
        // A misspelt alarm name would otherwise hide as one more inconclusive check.
        Verdict verdict = missing.isEmpty() ? judged : new Verdict(judged.failedChecks(), judged.inconclusiveStreak(),
                judged.rollback(), judged.summary() + "; no alarm named " + String.join(", ", missing));
        Rollout analyzed = rollout.withChecks(verdict.failedChecks(), verdict.inconclusiveStreak(), verdict.summary(),
                now());
        store.save(analyzed);
        boolean failed = results.stream().anyMatch(result -> result.outcome() == CheckOutcome.FAIL)
                || verdict.failedChecks() > rollout.failedChecks();
        if (failed) {
            publish(RolloutEvent.ANALYSIS_FAILED, analyzed, verdict.summary());
        }
        if (verdict.rollback()) {
            return new Decision(Decision.ROLLBACK, verdict.summary());
        }
        if (rollout.promoteRequested() && results.stream().allMatch(result -> result.outcome() == CheckOutcome.PASS)) {
            // An operator may skip the remaining steps, never the analysis: only a round that passed promotes.
            return new Decision(Decision.PROMOTE, "promotion requested by an operator; " + verdict.summary());
        }
        OptionalInt next = StepPlan.weightAfter(context.spec().steps(), rollout.step());
        return new Decision(next.isPresent() ? Decision.CONTINUE : Decision.PROMOTE, verdict.summary());
    }

    /**
     * Asks an automatic gate; a closed gate fails the rollout with the gate's reason. The gate comes from the record's
     * spec: the context's is redacted, since the execution's data shows it to anyone who may read its history.
     */
    public void passGate(RolloutContext context, String stage) {
        Rollout rollout = proceeding(context);
        Gate gate = gate(rollout.canarySpec(), stage)
                .orElseThrow(() -> new InvalidInputException("stage", "the spec has no " + stage + " gate"));
        String payload = """
                {"service":"%s","cluster":"%s","stage":"%s","canaryWeight":%d,"taskDefinition":"%s","execution":"%s"}"""
                .formatted(context.app(), context.cluster(), stage, rollout.weights().canary(),
                        rollout.canaryTaskDefinition(), context.execution());
        GateDecision decision;
        try {
            decision = gates.ask(gate, payload);
        } catch (GateTimeoutException e) {
            throw new RolloutFailedException("%s gate did not answer within %d s".formatted(stage,
                    gate.timeoutSeconds()));
        }
        if (!decision.open()) {
            throw new RolloutFailedException("%s gate closed: %s".formatted(stage, decision.reason()));
        }
    }

    /** Records the task token of a manual gate, so that {@link #approve} can find it. */
    public void awaitApproval(RolloutContext context, String stage, String taskToken) {
        Rollout rollout = proceeding(context);
        store.save(rollout.withApprovalToken(taskToken, "waiting for approval at the " + stage + " gate", now()));
    }

    /** An operator lets the rollout pass the manual gate it waits at. */
    public void approve(String cluster, String app) {
        Rollout rollout = active(cluster, app);
        if (rollout.approvalToken() == null) {
            throw new InvalidInputException("action", "the rollout of %s waits at no manual gate"
                    .formatted(rollout.service()));
        }
        // The token is sent before it is cleared, so a failed send can be retried with the same command.
        workflows.approve(rollout.approvalToken());
        store.save(rollout.withApprovalToken(null, "approved by an operator", now()));
    }

    /** An operator skips the remaining steps: the next analysis promotes if it passes. */
    public void promoteNow(String cluster, String app) {
        Rollout rollout = active(cluster, app);
        store.save(rollout.withPromoteRequested("promotion requested by an operator", now()));
    }

    /**
     * Reverts traffic to the primary at once and marks the rollout ABORTED; the workflow finishes the rollback at its
     * next step, or at once if it waits at a manual gate.
     */
    public void abort(String cluster, String app, String reason) {
        abort.abort(active(cluster, app), reason);
    }

    /** The primary service takes the canary's task definition. */
    public Instant promote(RolloutContext context) {
        Rollout rollout = proceeding(context);
        if (rollout.phase() != Phase.PROMOTING) {
            rollout = rollout.moveTo(Phase.PROMOTING, "promoting " + rollout.canaryTaskDefinition(), now());
            store.save(rollout);
        }
        ecs.deploy(context.cluster(), context.primaryService(), rollout.canaryTaskDefinition());
        return now();
    }

    /**
     * All traffic back to the primary, which now runs the new revision; the canary scales to zero.
     *
     * @return the record this call ended, or empty when a retried call found it ended already
     */
    public Optional<Rollout> finish(RolloutContext context) {
        Rollout rollout = proceeding(context);
        Weights weights = rollout.bootstrap()
                ? router.takeOver(context.app(), context.spec().router(), rollout.teamTargets())
                : router.allToPrimary(context.app(), context.spec().router());
        scaling.hold(context.cluster(), context.app());
        ecs.scale(context.cluster(), context.app(), 0);
        if (rollout.phase() == Phase.SUCCEEDED) {
            return Optional.empty();
        }
        Rollout succeeded = rollout.promoted(weights, now())
                .moveTo(Phase.SUCCEEDED, rollout.bootstrap() ? "bootstrapped" : "promoted", now())
                .asNextVersionOf(rollout);
        store.save(succeeded);
        if (!rollout.bootstrap()) {
            publish(RolloutEvent.PROMOTED, succeeded, null);
        }
        return Optional.of(succeeded);
    }

    /**
     * Sends all traffic to the primary, scales the canary to zero and marks the rollout FAILED with the reason. An
     * execution that no longer owns the record leaves traffic alone: the newer rollout owns it now.
     *
     * @return the record this call ended, or empty when it was ended already or is not this execution's
     */
    public Optional<Rollout> rollback(RolloutContext context, String reason) {
        Optional<Rollout> current = store.find(context.service());
        if (current.isEmpty() || !current.get().execution().equals(context.execution())) {
            return Optional.empty();
        }
        Rollout rollout = current.get();
        if (rollout.phase() == Phase.FAILED) {
            return Optional.empty();
        }
        Weights weights = abort.allToPrimary(rollout);
        // A bootstrap's canary is the user's own service: until the twin is up, it is all that runs the app.
        Optional<String> keepCanary = rollout.bootstrap() ? Optional.empty() : whyKeepTheCanary(context, rollout);
        if (!rollout.bootstrap()) {
            if (keepCanary.isEmpty()) {
                scaling.hold(context.cluster(), context.app());
                ecs.scale(context.cluster(), context.app(), 0);
            }
            restorePrimary(context, rollout);
        }
        Optional<String> kept = keepCanary.map(why -> "the canary keeps its tasks: " + why);
        Rollout rolling = rollout.phase() == Phase.ROLLING_BACK ? rollout
                : rollout.moveTo(Phase.ROLLING_BACK, reason, now());
        Rollout failed = rolling.withWeights(weights, "all traffic on the primary" + kept.map("; "::concat).orElse(""),
                now()).moveTo(Phase.FAILED, reason, now()).asNextVersionOf(rollout);
        store.save(failed);
        if (!rollout.bootstrap()) {
            publish(RolloutEvent.ROLLED_BACK, failed, failed.reason() + kept.map("; "::concat).orElse(""));
        }
        return Optional.of(failed);
    }

    /**
     * Offboarding, first step: the user's service takes the primary's revision, capacity and scaling back. The
     * workflow then waits until it serves ({@link #capacityReady} of the canary track), and {@link #offboarded}
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
        Optional<ServiceState> twin = ecs.describe(context.cluster(), context.primaryService());
        String revision = twin.map(ServiceState::taskDefinition).orElse(current.primaryTaskDefinition());
        if (!current.execution().equals(context.execution())) {
            store.save(Rollout.start(context.cluster(), context.app(), context.execution(), context.execution(),
                            false, revision, revision, current.spec(), now())
                    .withTeamTargets(current.teamTargets())
                    .moveTo(Phase.OFFBOARDING, "offboarding: %s takes %s back".formatted(context.app(), revision),
                            now())
                    .asNextVersionOf(current));
        }
        if (twin.isPresent()) {
            scaling.release(context.cluster(), context.app(), context.primaryService());
            ecs.deploy(context.cluster(), context.app(), revision);
            ecs.scale(context.cluster(), context.app(), Math.max(1, twin.get().desiredCount()));
        }
        return Optional.of(now());
    }

    /** The spec the service's last rollout followed: offboarding needs no stored spec. */
    public String recordedSpec(String cluster, String app) {
        return store.find(Rollout.key(cluster, app)).map(Rollout::spec).orElseThrow(() -> new InvalidInputException(
                "service", "%s in cluster %s has no rollout record: meshcanary never onboarded it".formatted(app,
                        cluster)));
    }

    /**
     * Offboarding, last step, once the user's service serves: the route goes back to the team's targets, then the
     * twin, its scaling and what the router made for it are removed, and the record ends OFFBOARDED.
     */
    public void offboarded(RolloutContext context) {
        Rollout rollout = owned(context);
        if (rollout.phase() == Phase.OFFBOARDED) {
            return;
        }
        router.giveBack(context.app(), context.spec().router(), rollout.teamTargets());
        scaling.remove(context.cluster(), context.primaryService());
        ecs.delete(context.cluster(), context.primaryService());
        router.removeTracks(context.app(), context.spec().router());
        store.save(rollout.moveTo(Phase.OFFBOARDED, "offboarded: the route is the team's, the twin is gone", now()));
    }

    /** A rollback during promotion finds the primary deploying the new revision: it goes back to the old one. */
    private void restorePrimary(RolloutContext context, Rollout rollout) {
        boolean moved = ecs.describe(context.cluster(), context.primaryService())
                .map(primary -> !primary.taskDefinition().equals(rollout.primaryTaskDefinition()))
                .orElse(false);
        if (moved) {
            ecs.deploy(context.cluster(), context.primaryService(), rollout.primaryTaskDefinition());
        }
    }

    /**
     * Why scaling the canary in could remove the only tasks that serve the app: the primary has none of its revision
     * that the router reaches, or they cannot be counted. Read before the primary is restored, which changes nothing
     * that serves yet.
     *
     * @return empty when the primary serves, so that the canary may go
     */
    private Optional<String> whyKeepTheCanary(RolloutContext context, Rollout rollout) {
        String revision = EcsArns.taskDefinitionRevision(rollout.primaryTaskDefinition(), "primaryTaskDefinition");
        try {
            return capacity(context, Track.PRIMARY, revision).serves(1) ? Optional.empty()
                    : Optional.of("the primary has no registered, healthy task of revision " + revision);
        } catch (RuntimeException e) {
            // The rollback must end whatever the registry says; not knowing that the primary serves is not knowing
            // that removing the canary is safe.
            return Optional.of("the primary's tasks could not be counted (%s)".formatted(e.getMessage()));
        }
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

    /**
     * The revision of each task that serves the track: behind App Mesh those the registry registered in Cloud Map,
     * elsewhere those ECS runs, since ECS registers them in their target group itself.
     */
    private List<String> revisions(RolloutContext context, Track track) {
        String service = new TrackedService(context.app(), track).serviceName();
        Optional<InstanceRegistry> registry = context.spec().router().instanceRegistry();
        if (registry.isPresent()) {
            return directory.list(registry.get().cloudMap()).stream()
                    .filter(registration -> registration.track() == track)
                    .filter(registration -> registration.service().equals(service))
                    .map(Registration::revision)
                    .toList();
        }
        return ecs.runningRevisions(context.cluster(), service);
    }

    /** How many tasks of {@code revision} serve the track, and whether tasks of another revision do too. */
    private TrackCapacity capacity(RolloutContext context, Track track, String revision) {
        List<String> revisions = revisions(context, track);
        return new TrackCapacity(revisions.stream().filter(revision::equals).count(),
                revisions.stream().anyMatch(other -> !revision.equals(other)),
                router.healthyTargets(context.app(), context.spec().router(), track));
    }

    /**
     * A track's tasks as the router reaches them.
     *
     * @param registered the tasks of the revision that are registered (or, without a registry, running)
     * @param stale whether tasks of another revision are registered too
     * @param healthy the track's targets a load balancer finds healthy, where it checks them
     */
    private record TrackCapacity(long registered, boolean stale, OptionalInt healthy) {

        /** A load balancer sends traffic to a running task only once its health checks pass. */
        boolean serves(int wanted) {
            return registered >= wanted && (healthy.isEmpty() || healthy.getAsInt() >= wanted);
        }
    }

    private void supersede(RolloutContext context, Rollout older) {
        abort.allToPrimary(older);
        if (older.phase() == Phase.PROMOTING) {
            // The primary is part-way to the superseded revision; the new rollout starts from the one it ran before.
            ecs.deploy(context.cluster(), context.primaryService(), older.primaryTaskDefinition());
        }
        store.save(older.moveTo(Phase.SUPERSEDED, "superseded by " + context.execution(), now()));
        workflows.stop(older.execution(), "Superseded", "superseded by execution " + context.execution());
    }

    private Rollout active(String cluster, String app) {
        return store.find(Rollout.key(cluster, app)).filter(Rollout::active)
                .orElseThrow(() -> new InvalidInputException("service", "%s has no active rollout in cluster %s"
                        .formatted(app, cluster)));
    }

    private Rollout owned(RolloutContext context) {
        Rollout rollout = store.find(context.service())
                .orElseThrow(() -> new SupersededException(context.service(), context.execution(), "nothing"));
        if (!rollout.execution().equals(context.execution())) {
            throw new SupersededException(context.service(), context.execution(), rollout.execution());
        }
        return rollout;
    }

    /**
     * A step's weights went on the route after another writer took the rollout over: an abort or a newer rollout
     * sent all traffic to the primary first, and no step of this execution may undo that.
     */
    private void undoIfTakenOver(RolloutContext context) {
        boolean ours = store.find(context.service())
                .filter(now -> now.execution().equals(context.execution()) && now.phase() != Phase.ABORTED)
                .isPresent();
        if (!ours) {
            router.allToPrimary(context.app(), context.spec().router());
        }
    }

    /**
     * The record of a rollout that may still move forward. The fast path may have sent all traffic to the primary
     * since the last step; no step may undo that, and a waiting step goes to the rollback at once.
     */
    private Rollout proceeding(RolloutContext context) {
        Rollout rollout = owned(context);
        if (rollout.phase() == Phase.ABORTED) {
            throw new RolloutFailedException(rollout.reason());
        }
        return rollout;
    }

    private Plan plan(RolloutContext context, boolean bootstrap) {
        CanarySpec spec = context.spec();
        return new Plan(bootstrap, spec.intervalSeconds(), Plan.pollSecondsFor(spec,
                Math.max(spec.timeouts().capacitySeconds(), spec.timeouts().promotionSeconds())),
                gateKind(spec, "preRollout"), gateKind(spec, "preStep"), gateKind(spec, "prePromotion"),
                spec.timeouts().gateSeconds());
    }

    private static String gateKind(CanarySpec spec, String stage) {
        return gate(spec, stage).map(gate -> gate.type() == GateType.MANUAL ? "manual" : "auto").orElse("none");
    }

    private static Optional<Gate> gate(CanarySpec spec, String stage) {
        return switch (stage) {
            case "preRollout" -> spec.gates().preRollout();
            case "preStep" -> spec.gates().preStep();
            case "prePromotion" -> spec.gates().prePromotion();
            default -> throw new InvalidInputException("stage", "unknown gate stage " + stage);
        };
    }

    /** The canary's: the analysis judges the canary track. */
    private static Map<String, String> placeholders(RolloutContext context) {
        return Placeholders.values(new TrackedService(context.app(), Track.CANARY), context.cluster(),
                context.spec().router());
    }

    /** Call only after the write of {@code written} succeeded: a lost race must announce nothing. */
    private void publish(String type, Rollout written, String reason) {
        announcer.announce(type, written, reason, written.updatedAt());
    }

    private Instant now() {
        return clock.instant();
    }
}
