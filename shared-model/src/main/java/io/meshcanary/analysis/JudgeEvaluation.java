package io.meshcanary.analysis;

import io.meshcanary.judge.Classification;
import io.meshcanary.judge.JudgeOutcome;
import io.meshcanary.judge.JudgeSamples;
import io.meshcanary.judge.JudgeScore;
import io.meshcanary.judge.JudgedMetric;
import io.meshcanary.judge.MetricClassifier;
import io.meshcanary.judge.MetricJudgement;
import io.meshcanary.judge.Scorecard;
import io.meshcanary.judge.Thresholds;
import io.meshcanary.port.MetricsReader;
import io.meshcanary.spec.Judge;
import io.meshcanary.spec.JudgeMetric;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Judges the canary against the baseline from both tracks' series, as the spec's judge says. */
public final class JudgeEvaluation {

    /** The name the judge's check result carries among the analysis's checks. */
    public static final String CHECK = "judge";

    private JudgeEvaluation() {
    }

    /**
     * Reads every metric of the judge on both tracks over its window ending at {@code end}, and judges them.
     *
     * @param canary the canary's placeholder values
     * @param baseline the baseline's: the primary track's, over the same window
     */
    public static JudgeReport evaluate(Judge judge, MetricsReader metrics, Map<String, String> canary,
            Map<String, String> baseline, Instant end) {
        return evaluate(judge, metrics.judgeSamples(judge, canary, baseline, end));
    }

    public static JudgeReport evaluate(Judge judge, JudgeSamples samples) {
        List<JudgedMetric> metrics = judge.metrics().stream().map(metric -> judged(judge, metric, samples)).toList();
        JudgeScore score = Scorecard.score(metrics, judge.groupWeights(), judge.pass(), judge.marginal());
        boolean pauses = !judge.dryRun() && score.outcome() == JudgeOutcome.MARGINAL
                && judge.onMarginal() == Judge.OnMarginal.PAUSE;
        return new JudgeReport(metrics, score, judge.dryRun(), pauses, check(judge, metrics, score));
    }

    private static JudgedMetric judged(Judge judge, JudgeMetric metric, JudgeSamples samples) {
        Thresholds thresholds = new Thresholds(metric.direction(), judge.confidence(), metric.allowedIncrease(),
                metric.allowedDecrease(), judge.minSamples());
        MetricJudgement judgement = MetricClassifier.classify(metric.nanStrategy().samples(samples.canary(
                metric.name())), metric.nanStrategy().samples(samples.baseline(metric.name())), thresholds);
        return new JudgedMetric(metric.name(), metric.group(), metric.critical(), metric.mustHaveData(),
                metric.dryRun(), judgement);
    }

    private static CheckResult check(Judge judge, List<JudgedMetric> metrics, JudgeScore score) {
        String detail = "score %s (pass %s, marginal %s)%s; %s".formatted(shown(score.score()),
                shown(judge.pass()), shown(judge.marginal()),
                score.criticalFailures().isEmpty() ? "" : ", critical " + String.join(", ", score.criticalFailures()),
                metrics.stream().map(JudgeEvaluation::explained).collect(Collectors.joining("; ")));
        if (judge.dryRun()) {
            return CheckResult.pass(CHECK, "dry run, would be %s: %s".formatted(
                    score.outcome().name().toLowerCase(Locale.ROOT), detail));
        }
        return switch (score.outcome()) {
            case PASS -> CheckResult.pass(CHECK, detail);
            case FAIL -> CheckResult.fail(CHECK, detail);
            case INCONCLUSIVE -> CheckResult.inconclusive(CHECK, "too little data: " + detail);
            case MARGINAL -> judge.onMarginal() == Judge.OnMarginal.FAIL
                    ? CheckResult.fail(CHECK, "marginal " + detail)
                    : CheckResult.inconclusive(CHECK, "marginal " + detail);
        };
    }

    /** A metric as a reader checks it: e.g. "latency High (ratio 1.31, p 0.0001, shift 30.2 in [25.1, 35])". */
    private static String explained(JudgedMetric metric) {
        MetricJudgement judgement = metric.judgement();
        String name = metric.name() + (metric.dryRun() ? " (dry run)" : "");
        if (judgement.classification() == Classification.NO_DATA) {
            return "%s NoData (%d canary and %d baseline samples)".formatted(name, judgement.canary().count(),
                    judgement.baseline().count());
        }
        String ratio = "ratio " + shown(judgement.effect());
        return judgement.test().map(test -> "%s %s (%s, p %s, shift %s in [%s, %s])".formatted(name,
                        judgement.classification().label(), ratio, shown(test.pValue()),
                        shown(test.hodgesLehmann()), shown(test.low()),
                        shown(test.high())))
                .orElse("%s %s (%s, no difference to test)".formatted(name, judgement.classification().label(),
                        ratio));
    }

    /** As {@link MetricEvaluation#shown}, with "none" for a score without data and "∞" for a ratio to zero. */
    private static String shown(double value) {
        if (Double.isNaN(value)) {
            return "none";
        }
        return Double.isInfinite(value) ? (value > 0 ? "∞" : "-∞") : MetricEvaluation.shown(value);
    }
}
