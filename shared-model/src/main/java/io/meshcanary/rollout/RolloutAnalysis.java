package io.meshcanary.rollout;

import io.meshcanary.analysis.AlarmEvaluation;
import io.meshcanary.analysis.AnalysisJudge;
import io.meshcanary.analysis.CheckOutcome;
import io.meshcanary.analysis.CheckResult;
import io.meshcanary.analysis.MetricEvaluation;
import io.meshcanary.analysis.StepPlan;
import io.meshcanary.analysis.Verdict;
import io.meshcanary.model.Track;
import io.meshcanary.port.MetricsReader;
import io.meshcanary.port.RolloutStore;
import io.meshcanary.port.TrafficControl;
import io.meshcanary.spec.MetricCheck;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** The analysis after each step's wait: alarms and metric checks, judged against the spec's threshold. */
public final class RolloutAnalysis {

    private final RolloutStore store;
    private final MetricsReader metrics;
    private final TrafficControl traffic;
    private final ExecutionGuard guard;
    private final Announcer announcer;
    private final Clock clock;

    RolloutAnalysis(RolloutStore store, MetricsReader metrics, TrafficControl traffic, ExecutionGuard guard,
            Announcer announcer, Clock clock) {
        this.store = store;
        this.metrics = metrics;
        this.traffic = traffic;
        this.guard = guard;
        this.announcer = announcer;
        this.clock = clock;
    }

    /** Runs the analysis; {@code promote} when the last step passed, {@code rollback} past the threshold. */
    public Decision analyze(RolloutContext context) {
        Rollout rollout = guard.owned(context);
        if (rollout.phase() == Phase.ABORTED) {
            return new Decision(Decision.Next.ROLLBACK, rollout.reason());
        }
        List<CheckResult> results = new ArrayList<>(AlarmEvaluation.evaluate(context.spec().analysis().alarms(),
                metrics.alarmStates(context.spec().analysis().alarms())));
        // The canary's: the analysis judges the canary track, wherever its engine runs it.
        Map<String, String> placeholders = traffic.placeholders(context, Track.CANARY);
        for (MetricCheck check : context.spec().analysis().metrics()) {
            MetricCheck resolved = check.resolve(placeholders);
            results.add(MetricEvaluation.evaluate(resolved, metrics.datapoints(resolved, clock.instant())));
        }
        Verdict judged = AnalysisJudge.judge(context.spec().analysis(), rollout.failedChecks(),
                rollout.inconclusiveStreak(), results);
        List<String> missing = results.stream().filter(result -> AlarmEvaluation.MISSING.equals(result.detail()))
                .map(CheckResult::check).toList();
        // A misspelt alarm name would otherwise hide as one more inconclusive check.
        Verdict verdict = missing.isEmpty() ? judged : new Verdict(judged.failedChecks(), judged.inconclusiveStreak(),
                judged.rollback(), judged.summary() + "; no alarm named " + String.join(", ", missing));
        Rollout analyzed = rollout.withChecks(verdict.failedChecks(), verdict.inconclusiveStreak(), verdict.summary(),
                clock.instant());
        store.save(analyzed);
        boolean failed = results.stream().anyMatch(result -> result.outcome() == CheckOutcome.FAIL)
                || verdict.failedChecks() > rollout.failedChecks();
        if (failed) {
            announcer.announce(RolloutEvent.ANALYSIS_FAILED, analyzed, verdict.summary(), analyzed.updatedAt());
        }
        if (verdict.rollback()) {
            return new Decision(Decision.Next.ROLLBACK, verdict.summary());
        }
        if (rollout.promoteRequested() && results.stream().allMatch(result -> result.outcome() == CheckOutcome.PASS)) {
            // An operator may skip the remaining steps, never the analysis: only a round that passed promotes.
            return new Decision(Decision.Next.PROMOTE, "promotion requested by an operator; " + verdict.summary());
        }
        OptionalInt next = StepPlan.weightAfter(context.spec().steps(), rollout.step());
        return new Decision(next.isPresent() ? Decision.Next.CONTINUE : Decision.Next.PROMOTE, verdict.summary());
    }
}
