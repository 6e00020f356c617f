package io.meshcanary.spec;

import com.fasterxml.jackson.databind.JsonNode;

/** The App Mesh listener health check of an app's virtual nodes. */
public record HealthCheck(String path, int intervalMillis, int timeoutMillis, int healthyThreshold,
        int unhealthyThreshold) {

    public static final HealthCheck DEFAULTS = new HealthCheck("/", 5_000, 2_000, 2, 3);

    static HealthCheck read(JsonNode healthCheck) {
        return new HealthCheck(
                healthCheck.path("path").asText(DEFAULTS.path()),
                healthCheck.path("intervalMillis").asInt(DEFAULTS.intervalMillis()),
                healthCheck.path("timeoutMillis").asInt(DEFAULTS.timeoutMillis()),
                healthCheck.path("healthyThreshold").asInt(DEFAULTS.healthyThreshold()),
                healthCheck.path("unhealthyThreshold").asInt(DEFAULTS.unhealthyThreshold()));
    }
}
