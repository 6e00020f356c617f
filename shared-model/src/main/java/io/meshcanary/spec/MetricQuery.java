package io.meshcanary.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One GetMetricData query of a metric check: either a metric math expression over other queries' ids, or a metric.
 *
 * @param id unique within its check; expressions refer to other queries by it
 * @param returnData whether this query's datapoints are the check's samples
 */
public record MetricQuery(String id, Optional<String> expression, Optional<MetricStat> metric, boolean returnData) {

    private static final Pattern ID = Pattern.compile("[a-z][a-zA-Z0-9_]*");

    public MetricQuery {
        if (id == null || !ID.matcher(id).matches()) {
            throw new InvalidSpecException("id",
                    "must start with a lowercase letter and hold only letters, digits and underscores, was " + id);
        }
        if (expression.isPresent() == metric.isPresent()) {
            throw new InvalidSpecException(Paths.DOCUMENT, "needs either expression or metric, but not both");
        }
        expression.ifPresent(
                text -> Placeholders.requireKnown("expression", MetricStat.requireText("expression", text)));
    }

    /**
     * @return the queries, unmodifiable
     * @throws InvalidSpecException naming {@code queries}, unless the ids are unique and exactly one query returns the
     *         datapoints that are the samples
     */
    static List<MetricQuery> requireOneSampled(List<MetricQuery> queries) {
        List<MetricQuery> copy = List.copyOf(queries);
        if (copy.isEmpty()) {
            throw new InvalidSpecException("queries", "must list at least one query");
        }
        Paths.requireUnique("queries", copy, "id", MetricQuery::id);
        List<String> returning = copy.stream().filter(MetricQuery::returnData).map(MetricQuery::id).toList();
        if (returning.size() != 1) {
            throw new InvalidSpecException("queries", returning.isEmpty()
                    ? "has no query with returnData true; exactly one query's datapoints are the samples"
                    : "has %d queries with returnData true (%s); set returnData false on all but one"
                            .formatted(returning.size(), String.join(", ", returning)));
        }
        return copy;
    }

    /** The queries read from a JSON list, each error named from the list's index. */
    static List<MetricQuery> readAll(JsonNode items) {
        List<MetricQuery> queries = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode query = items.get(i);
            queries.add(Paths.within(Paths.index("queries", i), () -> MetricQuery.read(query)));
        }
        return queries;
    }

    /** A copy with every placeholder replaced by its value; {@link Placeholders#values} gives them all. */
    public MetricQuery resolve(Map<String, String> values) {
        return new MetricQuery(id, expression.map(text -> Placeholders.resolve(text, values)),
                metric.map(stat -> stat.resolve(values)), returnData);
    }

    static MetricQuery read(JsonNode query) {
        return new MetricQuery(
                query.get("id").asText(),
                Optional.ofNullable(query.get("expression")).map(JsonNode::asText),
                Optional.ofNullable(query.get("metric"))
                        .map(metric -> Paths.within("metric", () -> MetricStat.read(metric))),
                query.path("returnData").asBoolean(true));
    }
}
