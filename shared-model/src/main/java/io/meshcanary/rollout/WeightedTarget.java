package io.meshcanary.rollout;

import java.util.Objects;

/**
 * One target group on a forward action, as its provider stores it.
 *
 * @param group the group's identity as the adapter compares it (an ALB target group ARN, a VPC Lattice ID)
 * @param weight its weight, or null where the rule omits it and the provider applies its default
 */
public record WeightedTarget(String group, Integer weight) {

    public WeightedTarget {
        Objects.requireNonNull(group, "group");
        if (weight != null && (weight < 0 || weight > ProviderWeights.MAX)) {
            throw new IllegalArgumentException("target group %s has weight %d, outside 0-%d"
                    .formatted(group, weight, ProviderWeights.MAX));
        }
    }
}
