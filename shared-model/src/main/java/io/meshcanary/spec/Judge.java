package io.meshcanary.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The statistical judge of an analysis: each metric of the canary against the same metric of the baseline over the
 * last {@code windowSeconds}, as samples of {@code periodSeconds}, classed and scored as Kayenta's judge does.
 *
 * @param confidence of each metric's shift interval, in (0, 1)
 * @param pass the lowest score, 0–100, that passes
 * @param marginal the lowest score that is marginal rather than a failure, at most {@code pass}
 * @param minSamples the fewest samples per track that classify a metric; with fewer it is NoData
 * @param dryRun whether the judge is only computed and reported, and never fails or pauses a rollout
 * @param groupWeights the weight of each group in the score; a group not listed weighs 1
 */
public record Judge(List<JudgeMetric> metrics, Baseline baseline, double confidence, double pass, double marginal,
        OnMarginal onMarginal, int periodSeconds, int windowSeconds, int minSamples, boolean dryRun,
        Map<String, Double> groupWeights) {

    public static final double DEFAULT_CONFIDENCE = 0.98;
    public static final double DEFAULT_PASS = 95;
    public static final double DEFAULT_MARGINAL = 75;
    public static final int DEFAULT_PERIOD_SECONDS = 60;
    public static final int DEFAULT_WINDOW_SECONDS = 300;
    public static final int DEFAULT_MIN_SAMPLES = 5;

    /** What the canary is compared with. */
    public enum Baseline {
        /** The primary track over the same window. */
        PRIMARY,
        /** A baseline service of the primary's revision at the canary's size and weight (twin mode). */
        EQUAL
    }

    /** What a marginal score does to the step. */
    public enum OnMarginal {
        /** Counts as an inconclusive check, by the analysis's inconclusive rules. */
        INCONCLUSIVE,
        /** Counts as a failed check. */
        FAIL,
        /** Waits for an operator's approve or abort. */
        PAUSE
    }

    public Judge {
        metrics = List.copyOf(metrics);
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(onMarginal, "onMarginal");
        groupWeights = Map.copyOf(groupWeights);
        if (metrics.isEmpty()) {
            throw new InvalidSpecException("metrics", "must list at least one metric");
        }
        Paths.requireUnique("metrics", metrics, "name", JudgeMetric::name);
        if (!dryRun && metrics.stream().allMatch(JudgeMetric::dryRun)) {
            throw new InvalidSpecException("metrics",
                    "are all dryRun, so the judge could never decide; set the judge's own dryRun instead");
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new InvalidSpecException("confidence", "must lie between 0 and 1, exclusive, was " + confidence);
        }
        if (!(pass >= 0 && pass <= 100)) {
            throw new InvalidSpecException("pass", "must be a score from 0 to 100, was " + pass);
        }
        if (!(marginal >= 0 && marginal <= pass)) {
            throw new InvalidSpecException("marginal",
                    "must be a score from 0 to pass (%s), was %s".formatted(pass, marginal));
        }
        MetricCheck.requireReachable(minSamples, periodSeconds, windowSeconds);
        Set<String> groups = metrics.stream().map(JudgeMetric::group).collect(Collectors.toSet());
        groupWeights.forEach((group, weight) -> {
            String field = Paths.child("groupWeights", group);
            if (!groups.contains(group)) {
                throw new InvalidSpecException(field, "names a group no metric is in; the groups are "
                        + groups.stream().sorted().collect(Collectors.joining(", ")));
            }
            if (!(weight > 0) || Double.isInfinite(weight)) {
                throw new InvalidSpecException(field, "must be a weight above 0, was " + weight);
            }
        });
    }

    static Judge read(JsonNode judge) {
        List<JudgeMetric> metrics = new ArrayList<>();
        JsonNode items = judge.path("metrics");
        for (int i = 0; i < items.size(); i++) {
            JsonNode metric = items.get(i);
            metrics.add(Paths.within(Paths.index("metrics", i), () -> JudgeMetric.read(metric)));
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        judge.path("groupWeights").properties().forEach(entry -> weights.put(entry.getKey(),
                entry.getValue().asDouble()));
        return new Judge(metrics,
                Labels.read(Baseline.class, "baseline", judge.path("baseline").asText("primary")),
                judge.path("confidence").asDouble(DEFAULT_CONFIDENCE),
                judge.path("pass").asDouble(DEFAULT_PASS),
                judge.path("marginal").asDouble(DEFAULT_MARGINAL),
                Labels.read(OnMarginal.class, "onMarginal", judge.path("onMarginal").asText("inconclusive")),
                judge.path("periodSeconds").asInt(DEFAULT_PERIOD_SECONDS),
                judge.path("windowSeconds").asInt(DEFAULT_WINDOW_SECONDS),
                judge.path("minSamples").asInt(DEFAULT_MIN_SAMPLES),
                judge.path("dryRun").asBoolean(false),
                weights);
    }
}
