package io.meshcanary.judge;

/**
 * The exact null distribution of the rank-sum statistic W for samples of n and m values without ties. Commons
 * Statistics computes exact p-values from it but does not expose its quantiles, which the shift's exact confidence
 * interval needs.
 */
final class WilcoxonDistribution {

    private final double[] cumulative;

    /**
     * Counts the subsets of {1..n+m} of size n by the sum of their ranks, through the generating function
     * prod_{i=1..n} (1 - q^(m+i)) / (1 - q^i), whose coefficient of q^w counts the arrangements with W = w.
     */
    WilcoxonDistribution(int n, int m) {
        int max = n * m;
        double[] counts = new double[max + 1];
        counts[0] = 1;
        for (int i = 1; i <= n; i++) {
            for (int w = max; w >= m + i; w--) {
                counts[w] -= counts[w - m - i];
            }
            for (int w = i; w <= max; w++) {
                counts[w] += counts[w - i];
            }
        }
        cumulative = new double[max + 1];
        double total = 0;
        for (int w = 0; w <= max; w++) {
            total += counts[w];
            cumulative[w] = total;
        }
        for (int w = 0; w <= max; w++) {
            cumulative[w] /= total;
        }
    }

    /** The smallest w with P(W <= w) >= p, as R's {@code qwilcox}. */
    int quantile(double p) {
        int w = 0;
        // A relative slack absorbs the rounding of the sums, as R's qwilcox does.
        while (w < cumulative.length - 1 && cumulative[w] < p * (1 - 64 * Math.ulp(1.0))) {
            w++;
        }
        return w;
    }
}
