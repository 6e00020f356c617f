package io.meshcanary.spec;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Who moves a service's traffic during a rollout: meshcanary, between the team's service and its primary twin
 * ({@link #TWIN}, the default, so that every spec written before the native mode means what it meant), or ECS's own
 * linear, canary or blue/green deployment, which meshcanary pauses and answers ({@link #NATIVE}).
 */
public enum Mode {
    TWIN("twin"),
    NATIVE("native");

    private final String label;

    Mode(String label) {
        this.label = label;
    }

    /** The mode of a spec document: twin unless it says native. */
    public static Mode of(JsonNode spec) {
        return spec.path("mode").asText(TWIN.label).equals(TWIN.label) ? TWIN : NATIVE;
    }

    /** The spec's {@code mode}. */
    public String label() {
        return label;
    }
}
