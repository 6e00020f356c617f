package io.meshcanary.rollout;

/** The share of traffic, in percent, that each track receives. */
public record Weights(int primary, int canary) {

    public static final Weights ALL_PRIMARY = new Weights(100, 0);

    public Weights {
        if (primary < 0 || canary < 0 || primary + canary != 100) {
            throw new IllegalArgumentException("weights must be non-negative and sum to 100, were primary=%d canary=%d"
                    .formatted(primary, canary));
        }
    }

    public static Weights canaryAt(int canaryPercent) {
        return new Weights(100 - canaryPercent, canaryPercent);
    }
}
