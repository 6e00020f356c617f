package io.meshcanary.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshcanary.judge.Direction;
import io.meshcanary.judge.NanStrategy;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A metric the judge compares between the canary and the baseline: GetMetricData queries resolved once per track,
 * which change of it is bad, and how large a change may be before it counts.
 *
 * @param allowedIncrease the largest ratio of means canary / baseline that is not yet a rise, at least 1
 * @param allowedDecrease the smallest ratio of means canary / baseline that is not yet a fall, in (0, 1]
 * @param critical whether a failure of this metric fails the whole judge, whatever the score
 * @param mustHaveData whether too few samples count as a failure rather than leaving the metric out of its group
 * @param group the group whose score it counts in
 * @param dryRun whether it is only reported, never scored
 */
public record JudgeMetric(String name, List<MetricQuery> queries, Direction direction, double allowedIncrease,
        double allowedDecrease, boolean critical, boolean mustHaveData, String group, NanStrategy nanStrategy,
        boolean dryRun) {

    public static final String DEFAULT_GROUP = "default";
    public static final double DEFAULT_ALLOWED_CHANGE = 1.0;

    public JudgeMetric {
        MetricStat.requireText("name", name);
        queries = MetricQuery.requireOneSampled(queries);
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(nanStrategy, "nanStrategy");
        MetricStat.requireText("group", group);
        if (!(allowedIncrease >= 1) || Double.isInfinite(allowedIncrease)) {
            throw new InvalidSpecException("allowedIncrease",
                    "must be a ratio of means of at least 1 (1.2 allows a 20% rise), was " + allowedIncrease);
        }
        if (!(allowedDecrease > 0 && allowedDecrease <= 1)) {
            throw new InvalidSpecException("allowedDecrease",
                    "must be a ratio of means above 0 and at most 1 (0.8 allows a 20% fall), was " + allowedDecrease);
        }
    }

    /** The query whose datapoints are the samples. */
    public MetricQuery sampled() {
        return queries.stream().filter(MetricQuery::returnData).findFirst().orElseThrow();
    }

    /** The queries with every placeholder replaced by the track's value; {@link Placeholders#values} gives them. */
    public List<MetricQuery> resolve(Map<String, String> values) {
        return queries.stream().map(query -> query.resolve(values)).toList();
    }

    static JudgeMetric read(JsonNode metric) {
        return new JudgeMetric(
                metric.get("name").asText(),
                MetricQuery.readAll(metric.get("queries")),
                Labels.read(Direction.class, "direction", metric.path("direction").asText("increase")),
                metric.path("allowedIncrease").asDouble(DEFAULT_ALLOWED_CHANGE),
                metric.path("allowedDecrease").asDouble(DEFAULT_ALLOWED_CHANGE),
                metric.path("critical").asBoolean(false),
                metric.path("mustHaveData").asBoolean(false),
                metric.path("group").asText(DEFAULT_GROUP),
                Labels.read(NanStrategy.class, "nanStrategy", metric.path("nanStrategy").asText("remove")),
                metric.path("dryRun").asBoolean(false));
    }
}
