package io.meshcanary.rollout;

import io.meshcanary.analysis.AlarmEvaluation;
import io.meshcanary.analysis.AnalysisJudge;
import io.meshcanary.analysis.CheckOutcome;
import io.meshcanary.analysis.CheckResult;
import io.meshcanary.analysis.JudgeEvaluation;
import io.meshcanary.analysis.JudgeReport;
import io.meshcanary.analysis.MetricEvaluation;
import io.meshcanary.analysis.StepPlan;
import io.meshcanary.analysis.Verdict;
import io.meshcanary.model.Track;
import io.meshcanary.port.MetricsReader;
import io.meshcanary.port.RolloutStore;
import io.meshcanary.port.TrafficControl;
import io.meshcanary.spec.Analysis;
import io.meshcanary.spec.MetricCheck;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The analysis after each step's wait: alarms, metric checks and the statistical judge, counted against the spec's
 * threshold.
 */
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

    /**
     * Runs the analysis; {@code promote} when the last step passed, {@code rollback} past the threshold, and a pause
     * first when the judge's score is marginal and its spec says to wait for an operator.
     */
    public Decision analyze(RolloutContext context) {
        Rollout rollout = guard.owned(context);
        if (rollout.phase() == Phase.ABORTED) {
            return new Decision(Decision.Next.ROLLBACK, rollout.reason());
        }
        Analysis analysis = context.spec().analysis();
        List<CheckResult> results = new ArrayList<>(AlarmEvaluation.evaluate(analysis.alarms(),
                metrics.alarmStates(analysis.alarms())));
        // The canary's: the analysis judges the canary track, wherever its engine runs it. Read only for a check
        // that uses them: the native engine asks ECS for them.
        Map<String, String> placeholders = analysis.metrics().isEmpty() && analysis.judge().isEmpty() ? Map.of()
                : traffic.placeholders(context, rollout, Track.CANARY);
        for (MetricCheck check : analysis.metrics()) {
            MetricCheck resolved = check.resolve(placeholders);
            results.add(MetricEvaluation.evaluate(resolved, metrics.datapoints(resolved, clock.instant())));
        }
        // The baseline is the primary track over the same window.
        Optional<JudgeReport> judged = analysis.judge().map(judge -> JudgeEvaluation.evaluate(judge, metrics,
                placeholders, traffic.placeholders(context, rollout, Track.PRIMARY), clock.instant()));
        judged.ifPresent(report -> results.add(report.check()));
        Verdict verdict = AnalysisJudge.judge(analysis, rollout.failedChecks(), rollout.inconclusiveStreak(),
                results);
        List<String> missing = results.stream().filter(result -> AlarmEvaluation.MISSING.equals(result.detail()))
                .map(CheckResult::check).toList();
        // A misspelt alarm name would otherwise hide as one more inconclusive check.
        String summary = verdict.summary() + (missing.isEmpty() ? "" : "; no alarm named " + String.join(", ", missing))
                + judged.map(report -> "; judge " + report.check().detail()).orElse("");
        Rollout analyzed = rollout.withChecks(verdict.failedChecks(), verdict.inconclusiveStreak(), summary,
                judged.map(JudgeReport::summary).orElse(null), results, clock.instant());
        store.save(analyzed);
        boolean failed = results.stream().anyMatch(result -> result.outcome() == CheckOutcome.FAIL)
                || verdict.failedChecks() > rollout.failedChecks();
        if (failed) {
            announcer.announce(RolloutEvent.ANALYSIS_FAILED, analyzed, summary, analyzed.updatedAt());
        }
        if (verdict.rollback()) {
            return new Decision(Decision.Next.ROLLBACK, summary);
        }
        if (rollout.promoteRequested() && results.stream().allMatch(result -> result.outcome() == CheckOutcome.PASS)) {
            // An operator may skip the remaining steps, never the analysis: only a round that passed promotes.
            return new Decision(Decision.Next.PROMOTE, "promotion requested by an operator; " + summary);
        }
        OptionalInt next = StepPlan.weightAfter(context.spec().steps(), rollout.step());
        return new Decision(next.isPresent() ? Decision.Next.CONTINUE : Decision.Next.PROMOTE, summary,
                judged.filter(JudgeReport::pauses).isPresent());
    }
}
