package io.meshcanary.analysis;

import io.meshcanary.spec.MetricCheck;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/** Judges a metric check from the datapoints its sampled query returned. */
public final class MetricEvaluation {

    private static final MathContext SHOWN = new MathContext(6);

    private MetricEvaluation() {
    }

    /**
     * @param datapoints the values of the check's sampled query over its window; null or non-finite values are gaps
     *        in the data, not samples
     * @return INCONCLUSIVE with fewer than {@code minSamples} samples, else PASS or FAIL from the mean against the
     *         bounds, which are inclusive
     */
    public static CheckResult evaluate(MetricCheck check, List<Double> datapoints) {
        double sum = 0;
        int samples = 0;
        for (Double value : datapoints) {
            if (value != null && Double.isFinite(value)) {
                sum += value;
                samples++;
            }
        }
        if (samples < check.minSamples()) {
            return CheckResult.inconclusive(check.name(), "%d of %d samples".formatted(samples, check.minSamples()));
        }
        double mean = sum / samples;
        String measured = "mean %s of %d sample%s".formatted(shown(mean), samples, samples == 1 ? "" : "s");
        if (check.min().isPresent() && mean < check.min().getAsDouble()) {
            return CheckResult.fail(check.name(), measured + " is below min " + shown(check.min().getAsDouble()));
        }
        if (check.max().isPresent() && mean > check.max().getAsDouble()) {
            return CheckResult.fail(check.name(), measured + " is above max " + shown(check.max().getAsDouble()));
        }
        return CheckResult.pass(check.name(), measured + " is within " + bounds(check));
    }

    private static String bounds(MetricCheck check) {
        if (check.min().isPresent() && check.max().isPresent()) {
            return "[%s, %s]".formatted(shown(check.min().getAsDouble()), shown(check.max().getAsDouble()));
        }
        return check.min().isPresent() ? "min " + shown(check.min().getAsDouble())
                : "max " + shown(check.max().getAsDouble());
    }

    /** Six significant digits and no trailing zeros: 1.0 is "1", 0.123456789 is "0.123457". */
    static String shown(double value) {
        return new BigDecimal(value).round(SHOWN).stripTrailingZeros().toPlainString();
    }
}
