package io.meshcanary.rollout;

import io.meshcanary.analysis.CheckResult;
import io.meshcanary.analysis.JudgeSummary;
import io.meshcanary.spec.CanarySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The rollout record of one service: at most one per service is active. Every change returns a copy with
 * {@code version} bumped and a history entry added, so the store can write it conditionally and the record alone
 * tells what happened.
 *
 * @param service the key, {@code <cluster>/<app>}
 * @param bootstrap true for the first deployment of a newly onboarded service, which only creates the primary
 * @param step how many weight steps have been applied
 * @param failedChecks failed analysis checks so far
 * @param inconclusiveStreak consecutive inconclusive checks not yet counted as a failure
 * @param crashedTasks ids of the canary tasks that stopped with a failure during the rollout, each counted once
 * @param spec the canary spec document the rollout follows, so that any function can act on the record alone
 * @param approvalToken the task token of the manual gate the workflow waits at, if any
 * @param promoteRequested an operator asked to skip the remaining steps
 * @param version the number of writes so far; the store writes only over the previous version
 * @param teamTargets the team's own route targets that the bootstrap took the traffic of, carried from rollout to
 *        rollout so that offboarding can put them back
 * @param primaryTargetGroup the twin's own target group, created at bootstrap, for the routers that weigh target
 *        groups: no spec names it, so the judge's baseline reads its metrics by this one; null behind App Mesh
 */
public record Rollout(String service, String cluster, String app, String deploymentId, String execution,
        boolean bootstrap, Phase phase, int step, Weights weights, int failedChecks, int inconclusiveStreak,
        List<String> crashedTasks, String canaryTaskDefinition, String primaryTaskDefinition, String spec,
        String reason, String approvalToken, boolean promoteRequested, List<HistoryEntry> history, long version,
        Instant updatedAt, List<RouteTarget> teamTargets, String primaryTargetGroup) {

    public Rollout {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(weights, "weights");
        history = List.copyOf(history);
        if (history.isEmpty()) {
            throw new IllegalArgumentException("rollout %s has no history, not even its start".formatted(service));
        }
        // Records written before crash detection existed have no such attribute.
        crashedTasks = crashedTasks == null ? List.of() : List.copyOf(crashedTasks);
        // Records written before adoption kept the team's targets have none.
        teamTargets = teamTargets == null ? List.of() : List.copyOf(teamTargets);
    }

    public static String key(String cluster, String app) {
        return cluster + "/" + app;
    }

    public static Rollout start(String cluster, String app, String deploymentId, String execution, boolean bootstrap,
            String canaryTaskDefinition, String primaryTaskDefinition, String spec, Instant now) {
        String note = (bootstrap ? "bootstrap of " : "rollout of ") + canaryTaskDefinition;
        return new Rollout(key(cluster, app), cluster, app, deploymentId, execution, bootstrap, Phase.INITIALIZING,
                0, Weights.ALL_PRIMARY, 0, 0, List.of(), canaryTaskDefinition, primaryTaskDefinition, spec, null, null, false,
                List.of(new HistoryEntry(now, Phase.INITIALIZING, 0, note)), 1, now, List.of(), null);
    }

    /**
     * The spec this rollout runs with, as Initialize validated it. The schema is not applied again: a rollout keeps
     * its spec when a stack update tightens the schema, and the alarm fast path does not compile the schema (about
     * 0.5 s on a cold JVM, with 245 classes) before it reverts traffic.
     */
    public CanarySpec canarySpec() {
        return CanarySpec.readValidated(spec);
    }

    /** The same record, remembering the team's targets the route had when it was adopted; no write of its own. */
    public Rollout withTeamTargets(List<RouteTarget> targets) {
        return new Rollout(service, cluster, app, deploymentId, execution, bootstrap, phase, step, weights,
                failedChecks, inconclusiveStreak, crashedTasks, canaryTaskDefinition, primaryTaskDefinition, spec,
                reason, approvalToken, promoteRequested, history, version, updatedAt, targets, primaryTargetGroup);
    }

    /** The same record, remembering the twin's own target group; no write of its own. */
    public Rollout withPrimaryTargetGroup(String targetGroup) {
        return new Rollout(service, cluster, app, deploymentId, execution, bootstrap, phase, step, weights,
                failedChecks, inconclusiveStreak, crashedTasks, canaryTaskDefinition, primaryTaskDefinition, spec,
                reason, approvalToken, promoteRequested, history, version, updatedAt, teamTargets, targetGroup);
    }

    /**
     * Whether all traffic may go to the primary: not during a bootstrap, while the twin may not serve yet, and not
     * once offboarding has started to give the traffic back.
     */
    public boolean primaryServes() {
        if (phase == Phase.OFFBOARDING || phase == Phase.OFFBOARDED) {
            return false;
        }
        return !bootstrap || phase == Phase.SUCCEEDED;
    }

    public boolean active() {
        return !phase.terminal();
    }

    /** From the first history entry to the last write: for an ended rollout, how long it took. */
    public Duration duration() {
        return Duration.between(history.get(0).at(), updatedAt);
    }

    /** How many canary tasks stopped with a failure during the rollout. */
    public int canaryCrashes() {
        return crashedTasks.size();
    }

    /** Counts the crash of canary task {@code taskId}, which must not be counted yet. */
    public Rollout withCanaryCrash(String taskId, String failure, Instant now) {
        if (crashedTasks.contains(taskId)) {
            throw new IllegalStateException("rollout %s counted the crash of task %s already"
                    .formatted(service, taskId));
        }
        List<String> crashed = new ArrayList<>(crashedTasks);
        crashed.add(taskId);
        List<HistoryEntry> longer = new ArrayList<>(history);
        longer.add(new HistoryEntry(now, phase, weights.canary(),
                "canary task %s crashed: %s".formatted(taskId, failure)));
        return new Rollout(service, cluster, app, deploymentId, execution, bootstrap, phase, step, weights,
                failedChecks, inconclusiveStreak, crashed, canaryTaskDefinition, primaryTaskDefinition, spec, reason,
                approvalToken, promoteRequested, longer, version + 1, now, teamTargets, primaryTargetGroup);
    }

    /** Moves to {@code next}; the first note given on the way to an unhappy end stays the rollout's reason. */
    public Rollout moveTo(Phase next, String note, Instant now) {
        if (!phase.canMoveTo(next)) {
            throw new IllegalStateException("rollout %s cannot move from %s to %s".formatted(service, phase, next));
        }
        boolean unhappy = next == Phase.ABORTED || next == Phase.ROLLING_BACK || next == Phase.FAILED
                || next == Phase.SUPERSEDED;
        String nextReason = unhappy && reason == null ? note : reason;
        return evolve(next, step, weights, failedChecks, inconclusiveStreak, primaryTaskDefinition, nextReason,
                approvalToken, promoteRequested, note, now);
    }

    public Rollout withStep(int nextStep, Weights applied, Instant now) {
        return evolve(phase, nextStep, applied, failedChecks, inconclusiveStreak, primaryTaskDefinition, reason,
                approvalToken, promoteRequested, "weight " + applied.canary() + "%", now);
    }

    public Rollout withChecks(int failed, int streak, String note, Instant now) {
        return withChecks(failed, streak, note, null, now);
    }

    /** @param judge what the statistical judge found in the round, kept in its history entry; null without one */
    public Rollout withChecks(int failed, int streak, String note, JudgeSummary judge, Instant now) {
        return withChecks(failed, streak, note, judge, List.of(), now);
    }

    /** @param checks the round's check results, kept in its history entry */
    public Rollout withChecks(int failed, int streak, String note, JudgeSummary judge, List<CheckResult> checks,
            Instant now) {
        return evolve(phase, step, weights, failed, streak, primaryTaskDefinition, reason, approvalToken,
                promoteRequested, new HistoryEntry(now, phase, weights.canary(), note, judge, checks), now);
    }

    public Rollout withWeights(Weights applied, String note, Instant now) {
        return evolve(phase, step, applied, failedChecks, inconclusiveStreak, primaryTaskDefinition, reason,
                approvalToken, promoteRequested, note, now);
    }

    /** The primary now runs the canary's task definition. */
    public Rollout promoted(Weights applied, Instant now) {
        return evolve(phase, step, applied, failedChecks, inconclusiveStreak, canaryTaskDefinition, reason,
                approvalToken, promoteRequested, "primary runs " + canaryTaskDefinition + ", all traffic on the primary",
                now);
    }

    /** The workflow waits at a manual gate until the token is approved or rejected; null clears it. */
    public Rollout withApprovalToken(String token, String note, Instant now) {
        return evolve(phase, step, weights, failedChecks, inconclusiveStreak, primaryTaskDefinition, reason, token,
                promoteRequested, note, now);
    }

    public Rollout withPromoteRequested(String note, Instant now) {
        return evolve(phase, step, weights, failedChecks, inconclusiveStreak, primaryTaskDefinition, reason,
                approvalToken, true, note, now);
    }

    /**
     * This record as the one write that follows {@code read}, the stored record it was changed from. A step may chain
     * several changes (move to a phase, then record the weights) between one read and one write; each bumps the
     * version, but the store accepts only the stored version plus one.
     */
    public Rollout asNextVersionOf(Rollout read) {
        return new Rollout(service, cluster, app, deploymentId, execution, bootstrap, phase, step, weights,
                failedChecks, inconclusiveStreak, crashedTasks, canaryTaskDefinition, primaryTaskDefinition, spec,
                reason, approvalToken, promoteRequested, history, read.version() + 1, updatedAt, teamTargets,
                primaryTargetGroup);
    }

    private Rollout evolve(Phase nextPhase, int nextStep, Weights nextWeights, int failed, int streak,
            String primary, String nextReason, String token, boolean promote, String note, Instant now) {
        return evolve(nextPhase, nextStep, nextWeights, failed, streak, primary, nextReason, token, promote,
                new HistoryEntry(now, nextPhase, nextWeights.canary(), note), now);
    }

    private Rollout evolve(Phase nextPhase, int nextStep, Weights nextWeights, int failed, int streak,
            String primary, String nextReason, String token, boolean promote, HistoryEntry entry, Instant now) {
        List<HistoryEntry> longer = new ArrayList<>(history);
        longer.add(entry);
        return new Rollout(service, cluster, app, deploymentId, execution, bootstrap, nextPhase, nextStep,
                nextWeights, failed, streak, crashedTasks, canaryTaskDefinition, primary, spec, nextReason, token,
                promote, longer, version + 1, now, teamTargets, primaryTargetGroup);
    }
}
