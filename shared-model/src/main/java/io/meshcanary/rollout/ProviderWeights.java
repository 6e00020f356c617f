package io.meshcanary.rollout;

import java.util.Optional;

/**
 * The two tracks' weights as a provider stores them: plain integers that count relative to each other, such as
 * ALB's and VPC Lattice's 0–999. The arithmetic between them and percentages lives here, not in an adapter.
 *
 * <p>Percentages are scaled by {@link #SCALE}, the largest whole factor that keeps 100% within 999. A whole factor
 * keeps every ratio exact: a 1% canary is 9 against 891, exactly 1:99. Reading back divides the canary's weight by
 * the sum of both, so weights that someone else set (1 and 3, say) read as the nearest percentage.
 */
public record ProviderWeights(int primary, int canary) {

    /** The largest range both ALB and VPC Lattice accept for a target group's weight is 0–999. */
    public static final int MAX = 999;
    public static final int SCALE = MAX / 100;

    public ProviderWeights {
        if (primary < 0 || canary < 0 || primary > MAX || canary > MAX) {
            throw new IllegalArgumentException("provider weights must be between 0 and %d, were primary=%d canary=%d"
                    .formatted(MAX, primary, canary));
        }
    }

    public static ProviderWeights of(Weights weights) {
        return new ProviderWeights(weights.primary() * SCALE, weights.canary() * SCALE);
    }

    /**
     * The shares a router reads back: {@code -1} stands for a track the route or rule has no target for, which
     * receives nothing.
     *
     * @return empty when neither track receives anything, so that no share can be read
     */
    public static Optional<Weights> readBack(int primary, int canary) {
        ProviderWeights weights = new ProviderWeights(Math.max(0, primary), Math.max(0, canary));
        return weights.none() ? Optional.empty() : Optional.of(weights.percent());
    }

    /** Whether the two tracks together receive nothing, so that no share of them can be read. */
    public boolean none() {
        return primary + canary == 0;
    }

    /**
     * The canary's share of the two tracks, rounded to a whole percent, whatever other targets share the route.
     *
     * @throws IllegalStateException if {@link #none()}
     */
    public Weights percent() {
        if (none()) {
            throw new IllegalStateException("neither track has weight, so neither has a share");
        }
        return Weights.canaryAt(Math.round(100f * canary / (primary + canary)));
    }
}
