package io.meshcanary.spec;

import com.fasterxml.jackson.databind.JsonNode;
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
