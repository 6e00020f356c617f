package io.meshcanary.spec;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How long the workflow waits for things outside it before it rolls back.
 *
 * @param capacitySeconds for the canary tasks to run and register in the mesh
 * @param promotionSeconds for the primary to run the canary's task definition
 * @param gateSeconds for a gate to answer, a manual approval included
 */
public record Timeouts(int capacitySeconds, int promotionSeconds, int gateSeconds) {

    public static final Timeouts DEFAULTS = new Timeouts(600, 900, 3_600);

    public Timeouts {
        requirePositive("capacitySeconds", capacitySeconds);
        requirePositive("promotionSeconds", promotionSeconds);
        requirePositive("gateSeconds", gateSeconds);
    }

    static Timeouts read(JsonNode timeouts) {
        return new Timeouts(
                timeouts.path("capacitySeconds").asInt(DEFAULTS.capacitySeconds()),
                timeouts.path("promotionSeconds").asInt(DEFAULTS.promotionSeconds()),
                timeouts.path("gateSeconds").asInt(DEFAULTS.gateSeconds()));
    }

    private static void requirePositive(String field, int seconds) {
        if (seconds < 1) {
            throw new InvalidSpecException(field, "must be at least 1, was " + seconds);
        }
    }
}
