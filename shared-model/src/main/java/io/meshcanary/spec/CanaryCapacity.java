package io.meshcanary.spec;

import com.fasterxml.jackson.databind.JsonNode;

/** @param desiredCount how many canary tasks run during a rollout; promotion scales the canary back to zero */
public record CanaryCapacity(int desiredCount) {

    public static final CanaryCapacity DEFAULT = new CanaryCapacity(1);

    public CanaryCapacity {
        if (desiredCount < 1) {
            throw new InvalidSpecException("desiredCount", "must be at least 1, was " + desiredCount);
        }
    }

    static CanaryCapacity read(JsonNode canary) {
        return new CanaryCapacity(canary.path("desiredCount").asInt(DEFAULT.desiredCount()));
    }
}
