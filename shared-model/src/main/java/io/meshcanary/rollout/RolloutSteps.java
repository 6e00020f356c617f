package io.meshcanary.rollout;

import io.meshcanary.model.Track;
import io.meshcanary.port.EcsServices;
import io.meshcanary.port.GateKeeper;
import io.meshcanary.port.MetricsReader;
import io.meshcanary.port.RolloutEvents;
import io.meshcanary.port.RolloutStore;
import io.meshcanary.port.ServiceScaling;
import io.meshcanary.port.TrafficRouter;
import io.meshcanary.port.Workflows;
import io.meshcanary.spec.RouterSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The steps of the canary workflow, each passed to the use case of its concern. Step Functions owns the order and
 * the waits; each step reads the rollout record through the one {@link ExecutionGuard}, acts, and writes the record
 * back conditionally. A step of an execution that no longer owns the record throws {@link SupersededException} and
 * touches nothing.
 *
 * <p>Each transition is announced as a {@link RolloutEvent} once its conditional write succeeded, so a step that
 * loses a race to another writer announces nothing.
 */
public final class RolloutSteps {

    private final Onboarding onboarding;
    private final Offboarding offboarding;
    private final TrafficSteps traffic;
    private final Capacity capacity;
    private final RolloutAnalysis analysis;
    private final GateSteps gates;
    private final OperatorCommands commands;
    private final Rollback rollback;

    /** Wires the use cases around one instance of each shared collaborator. */
    public RolloutSteps(RolloutStore store, TrafficRouter<RouterSpec> router, EcsServices ecs, ServiceScaling scaling,
            MetricsReader metrics, GateKeeper gates, Workflows workflows, RolloutEvents events, Clock clock) {
        RolloutAbort abort = new RolloutAbort(store, router, ecs, workflows, clock);
        Announcer announcer = new Announcer(events);
        Twin twin = new Twin(ecs, scaling);
        ExecutionGuard guard = new ExecutionGuard(store, router, abort, twin, workflows, clock);
        this.capacity = new Capacity(guard, twin, router, clock);
        this.onboarding = new Onboarding(store, router, twin, guard, announcer, clock);
        this.offboarding = new Offboarding(store, router, twin, guard, clock);
        this.traffic = new TrafficSteps(store, router, twin, guard, announcer, clock);
        this.analysis = new RolloutAnalysis(store, metrics, guard, announcer, clock);
        this.gates = new GateSteps(store, gates, guard, clock);
        this.commands = new OperatorCommands(store, workflows, abort, clock);
        this.rollback = new Rollback(store, abort, twin, capacity, announcer, clock);
    }

    /** See {@link Onboarding#initialize}. */
    public Plan initialize(RolloutContext context, String deploymentId, String specJson) {
        return onboarding.initialize(context, deploymentId, specJson);
    }

    /** See {@link TrafficSteps#scaleCanary}. */
    public Instant scaleCanary(RolloutContext context) {
        return traffic.scaleCanary(context);
    }

    /** See {@link Capacity#ready}. */
    public boolean capacityReady(RolloutContext context, Track track, Instant waitingSince) {
        return capacity.ready(context, track, waitingSince);
    }

    /** See {@link TrafficSteps#setWeight}. */
    public Weights setWeight(RolloutContext context, int stepsDone) {
        return traffic.setWeight(context, stepsDone);
    }

    /** See {@link RolloutAnalysis#analyze}. */
    public Decision analyze(RolloutContext context) {
        return analysis.analyze(context);
    }

    /** See {@link GateSteps#passGate}. */
    public void passGate(RolloutContext context, String stage) {
        gates.passGate(context, stage);
    }

    /** See {@link GateSteps#awaitApproval}. */
    public void awaitApproval(RolloutContext context, String stage, String taskToken) {
        gates.awaitApproval(context, stage, taskToken);
    }

    /** See {@link OperatorCommands#run}. */
    public void command(OperatorCommand command, String cluster, String app, String reason) {
        commands.run(command, cluster, app, reason);
    }

    /** See {@link OperatorCommands#approve}. */
    public void approve(String cluster, String app) {
        commands.approve(cluster, app);
    }

    /** See {@link OperatorCommands#promoteNow}. */
    public void promoteNow(String cluster, String app) {
        commands.promoteNow(cluster, app);
    }

    /** See {@link OperatorCommands#abort}. */
    public void abort(String cluster, String app, String reason) {
        commands.abort(cluster, app, reason);
    }

    /** See {@link TrafficSteps#promote}. */
    public Instant promote(RolloutContext context) {
        return traffic.promote(context);
    }

    /** See {@link TrafficSteps#finish}. */
    public Optional<Rollout> finish(RolloutContext context) {
        return traffic.finish(context);
    }

    /** See {@link Rollback#rollback}. */
    public Optional<Rollout> rollback(RolloutContext context, String reason) {
        return rollback.rollback(context, reason);
    }

    /** See {@link Offboarding#offboard}. */
    public Optional<Instant> offboard(RolloutContext context) {
        return offboarding.offboard(context);
    }

    /** See {@link Offboarding#recordedSpec}. */
    public String recordedSpec(String cluster, String app) {
        return offboarding.recordedSpec(cluster, app);
    }

    /** See {@link Offboarding#offboarded}. */
    public void offboarded(RolloutContext context) {
        offboarding.offboarded(context);
    }
}
