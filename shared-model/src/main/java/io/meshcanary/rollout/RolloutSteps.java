package io.meshcanary.rollout;

import io.meshcanary.model.Track;
import io.meshcanary.port.GateKeeper;
import io.meshcanary.port.MetricsReader;
import io.meshcanary.port.RolloutEvents;
import io.meshcanary.port.RolloutStore;
import io.meshcanary.port.TrafficControl;
import io.meshcanary.port.Workflows;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The steps of the canary workflow, each passed to the use case of its concern. Step Functions owns the order and
 * the waits; each step reads the rollout record through the one {@link ExecutionGuard}, acts, and writes the record
 * back conditionally. A step of an execution that no longer owns the record throws {@link SupersededException} and
 * touches nothing.
 *
 * <p>Who moves the traffic is the {@link TrafficControl} the rollout has; the analysis, the gates and the operator's
 * commands decide without knowing which it is.
 *
 * <p>Each transition is announced as a {@link RolloutEvent} once its conditional write succeeded, so a step that
 * loses a race to another writer announces nothing.
 */
public final class RolloutSteps {

    private final RolloutStore store;
    private final TrafficControl traffic;
    private final RolloutAnalysis analysis;
    private final GateSteps gates;
    private final OperatorCommands commands;

    /** Wires the use cases around one instance of each shared collaborator. */
    public RolloutSteps(RolloutStore store, TrafficControl traffic, MetricsReader metrics, GateKeeper gates,
            Workflows workflows, RolloutEvents events, Clock clock) {
        ExecutionGuard guard = new ExecutionGuard(store, traffic, workflows, clock);
        this.store = store;
        this.traffic = traffic;
        this.analysis = new RolloutAnalysis(store, metrics, traffic, guard, new Announcer(events), clock);
        this.gates = new GateSteps(store, gates, guard, clock);
        this.commands = new OperatorCommands(store, workflows, new RolloutAbort(store, traffic, workflows, clock),
                clock);
    }

    /** See {@link TrafficControl#start}. */
    public Plan initialize(RolloutContext context, String deploymentId, String specJson) {
        return traffic.start(context, deploymentId, specJson);
    }

    /** See {@link TrafficControl#prepare}. */
    public Instant scaleCanary(RolloutContext context) {
        return traffic.prepare(context);
    }

    /** See {@link TrafficControl#capacityReady}. */
    public boolean capacityReady(RolloutContext context, Track track, Instant waitingSince) {
        return traffic.capacityReady(context, track, waitingSince);
    }

    /** See {@link TrafficControl#stepTo}. */
    public StepTaken setWeight(RolloutContext context, int stepsDone) {
        return traffic.stepTo(context, stepsDone);
    }

    /** See {@link RolloutAnalysis#analyze}. */
    public Decision analyze(RolloutContext context) {
        return analysis.analyze(context);
    }

    /** See {@link GateSteps#passGate}. */
    public void passGate(RolloutContext context, GateStage stage) {
        gates.passGate(context, stage);
    }

    /** See {@link GateSteps#awaitApproval}. */
    public void awaitApproval(RolloutContext context, GateStage stage, String taskToken) {
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

    /** See {@link TrafficControl#promote}. */
    public Instant promote(RolloutContext context) {
        return traffic.promote(context);
    }

    /** See {@link TrafficControl#finish}. */
    public Optional<Rollout> finish(RolloutContext context) {
        return traffic.finish(context);
    }

    /** See {@link TrafficControl#rollBack}. */
    public Optional<Rollout> rollback(RolloutContext context, String reason) {
        return traffic.rollBack(context, reason);
    }

    /** See {@link TrafficControl#offboard}. */
    public Optional<Instant> offboard(RolloutContext context) {
        return traffic.offboard(context);
    }

    /** The spec the service's last rollout followed: offboarding needs no stored spec. */
    public String recordedSpec(String cluster, String app) {
        return store.find(Rollout.key(cluster, app)).map(Rollout::spec).orElseThrow(() -> new InvalidInputException(
                "service", "%s in cluster %s has no rollout record: meshcanary never onboarded it".formatted(app,
                        cluster)));
    }

    /** See {@link TrafficControl#offboarded}. */
    public void offboarded(RolloutContext context) {
        traffic.offboarded(context);
    }
}
