package io.meshcanary.spec;

/** The App Mesh listener health check of an app's virtual nodes. */
public record HealthCheck(String path, int intervalMillis, int timeoutMillis, int healthyThreshold,
        int unhealthyThreshold) {

    static HealthCheck read(JsonFields fields) {
        return new HealthCheck(
                fields.text("path", "/"),
                fields.integer("intervalMillis", 5_000, 300_000, 5_000),
                fields.integer("timeoutMillis", 2_000, 60_000, 2_000),
                fields.integer("healthyThreshold", 2, 10, 2),
                fields.integer("unhealthyThreshold", 2, 10, 3));
    }
}
