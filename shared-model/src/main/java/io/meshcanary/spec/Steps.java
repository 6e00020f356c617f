package io.meshcanary.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The weight steps of a spec, given as a list or as an increment up to a maximum. */
final class Steps {

    private Steps() {
    }

    static List<Integer> read(JsonNode steps) {
        if (steps.has("weights")) {
            List<Integer> weights = new ArrayList<>();
            steps.get("weights").forEach(weight -> weights.add(weight.asInt()));
            return requireAscending("steps.weights", weights);
        }
        int stepWeight = steps.get("stepWeight").asInt();
        int maxWeight = steps.get("maxWeight").asInt();
        if (maxWeight < stepWeight) {
            throw new InvalidSpecException("steps.maxWeight",
                    "must be at least stepWeight (%d), was %d".formatted(stepWeight, maxWeight));
        }
        return increments(stepWeight, maxWeight);
    }

    /** stepWeight, 2 x stepWeight, ... and always maxWeight last, so 30 up to 50 is [30, 50]. */
    static List<Integer> increments(int stepWeight, int maxWeight) {
        List<Integer> weights = new ArrayList<>();
        for (int weight = stepWeight; weight < maxWeight; weight += stepWeight) {
            weights.add(weight);
        }
        weights.add(maxWeight);
        return List.copyOf(weights);
    }

    /** @param field where the list sits, so that the bad weight is named by its index */
    static List<Integer> requireAscending(String field, List<Integer> weights) {
        if (weights.isEmpty()) {
            throw new InvalidSpecException(field, "must list at least one weight");
        }
        int previous = 0;
        for (int i = 0; i < weights.size(); i++) {
            int weight = weights.get(i);
            if (weight < 1 || weight > 100) {
                throw new InvalidSpecException(Paths.index(field, i), "must be between 1 and 100, was " + weight);
            }
            if (weight <= previous) {
                throw new InvalidSpecException(Paths.index(field, i),
                        "must be greater than the weight before it (%d), was %d".formatted(previous, weight));
            }
            previous = weight;
        }
        return List.copyOf(weights);
    }
}
