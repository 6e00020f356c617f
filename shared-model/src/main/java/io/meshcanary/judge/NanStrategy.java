package io.meshcanary.judge;

import java.util.Collection;

/** What a gap in a metric's series (a missing or non-finite datapoint) becomes before it is judged. */
public enum NanStrategy {
    /** Left out: the metric has fewer samples. */
    REMOVE,
    /** Counted as 0, for a count that CloudWatch leaves out when nothing happened (errors, for one). */
    REPLACE;

    /** The samples of a series whose gaps are null or non-finite values. */
    public double[] samples(Collection<Double> series) {
        return series.stream().filter(value -> this == REPLACE || value != null && Double.isFinite(value))
                .mapToDouble(value -> value != null && Double.isFinite(value) ? value : 0).toArray();
    }
}
