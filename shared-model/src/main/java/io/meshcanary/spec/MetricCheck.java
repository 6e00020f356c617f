package io.meshcanary.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A metric check: the datapoints of the one query that returns data, over the last {@code windowSeconds}, whose mean
 * must stay within {@code min} and {@code max}.
 *
 * @param minSamples the fewest datapoints that make a result; with fewer the check is inconclusive, never a pass
 * @param periodSeconds the period of each datapoint
 * @param windowSeconds how far back the datapoints are read
 */
public record MetricCheck(String name, List<MetricQuery> queries, OptionalDouble min, OptionalDouble max,
        int minSamples, int periodSeconds, int windowSeconds) {

    public static final int DEFAULT_MIN_SAMPLES = 1;
    public static final int DEFAULT_PERIOD_SECONDS = 60;
    public static final int DEFAULT_WINDOW_SECONDS = 300;

    public MetricCheck {
        MetricStat.requireText("name", name);
        queries = MetricQuery.requireOneSampled(queries);
        if (min.isEmpty() && max.isEmpty()) {
            throw new InvalidSpecException(Paths.DOCUMENT, "needs min, max or both");
        }
        if (min.isPresent() && max.isPresent() && max.getAsDouble() < min.getAsDouble()) {
            throw new InvalidSpecException("max",
                    "must be at least min (%s), was %s".formatted(min.getAsDouble(), max.getAsDouble()));
        }
        requireReachable(minSamples, periodSeconds, windowSeconds);
    }

    /** @throws InvalidSpecException naming the field, if a window of these periods can never hold minSamples */
    static void requireReachable(int minSamples, int periodSeconds, int windowSeconds) {
        if (periodSeconds < 1) {
            throw new InvalidSpecException("periodSeconds", "must be at least 1, was " + periodSeconds);
        }
        if (windowSeconds < periodSeconds) {
            throw new InvalidSpecException("windowSeconds",
                    "must be at least periodSeconds (%d), was %d".formatted(periodSeconds, windowSeconds));
        }
        int possible = windowSeconds / periodSeconds;
        if (minSamples < 1 || minSamples > possible) {
            throw new InvalidSpecException("minSamples", minSamples < 1
                    ? "must be at least 1, was " + minSamples
                    : "can never be met: a %d s window holds at most %d datapoints of %d s, and minSamples is %d"
                            .formatted(windowSeconds, possible, periodSeconds, minSamples));
        }
    }

    /** The query whose datapoints are the samples. */
    public MetricQuery sampled() {
        return queries.stream().filter(MetricQuery::returnData).findFirst().orElseThrow();
    }

    /** A copy with every placeholder replaced by its value; {@link Placeholders#values} gives them all. */
    public MetricCheck resolve(Map<String, String> values) {
        return new MetricCheck(name, queries.stream().map(query -> query.resolve(values)).toList(), min, max,
                minSamples, periodSeconds, windowSeconds);
    }

    static MetricCheck read(JsonNode check) {
        return new MetricCheck(
                check.get("name").asText(),
                MetricQuery.readAll(check.get("queries")),
                bound(check.get("min")),
                bound(check.get("max")),
                check.path("minSamples").asInt(DEFAULT_MIN_SAMPLES),
                check.path("periodSeconds").asInt(DEFAULT_PERIOD_SECONDS),
                check.path("windowSeconds").asInt(DEFAULT_WINDOW_SECONDS));
    }

    private static OptionalDouble bound(JsonNode value) {
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value.asDouble());
    }
}
