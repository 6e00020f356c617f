package io.meshcanary.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A CloudWatch metric and the statistic read from it, as in a GetMetricData {@code MetricStat}. The namespace, the
 * metric name and the dimension values may use {@link Placeholders}.
 */
public record MetricStat(String namespace, String metricName, Map<String, String> dimensions, String stat) {

    public static final String DEFAULT_NAMESPACE = "AWS/AppMesh";

    public MetricStat {
        Placeholders.requireKnown("namespace", requireText("namespace", namespace));
        Placeholders.requireKnown("metricName", requireText("metricName", metricName));
        requireText("stat", stat);
        Map<String, String> copy = new LinkedHashMap<>();
        dimensions.forEach((name, value) -> {
            String field = Paths.child("dimensions", name);
            copy.put(name, Placeholders.requireKnown(field, requireText(field, value)));
        });
        dimensions = Collections.unmodifiableMap(copy);
    }

    /** A copy with every placeholder replaced by its value. */
    public MetricStat resolve(Map<String, String> values) {
        Map<String, String> resolved = new LinkedHashMap<>();
        dimensions.forEach((name, value) -> resolved.put(name, Placeholders.resolve(value, values)));
        return new MetricStat(Placeholders.resolve(namespace, values), Placeholders.resolve(metricName, values),
                resolved, stat);
    }

    static MetricStat read(JsonNode metric) {
        Map<String, String> dimensions = new LinkedHashMap<>();
        metric.path("dimensions").properties()
                .forEach(entry -> dimensions.put(entry.getKey(), entry.getValue().asText()));
        return new MetricStat(
                metric.path("namespace").asText(DEFAULT_NAMESPACE),
                metric.get("metricName").asText(),
                dimensions,
                metric.get("stat").asText());
    }

    static String requireText(String field, String text) {
        Objects.requireNonNull(text, field);
        if (text.isBlank()) {
            throw new InvalidSpecException(field, "must not be blank");
        }
        return text;
    }
}
