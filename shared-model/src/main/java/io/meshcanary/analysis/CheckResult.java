package io.meshcanary.analysis;

import java.util.Objects;

/**
 * @param check the alarm name or the metric check's name
 * @param detail why, in plain words, e.g. "mean 1.7 of 5 samples is above max 1"
 */
public record CheckResult(String check, CheckOutcome outcome, String detail) {

    public CheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
    }

    public static CheckResult pass(String check, String detail) {
        return new CheckResult(check, CheckOutcome.PASS, detail);
    }

    public static CheckResult fail(String check, String detail) {
        return new CheckResult(check, CheckOutcome.FAIL, detail);
    }

    public static CheckResult inconclusive(String check, String detail) {
        return new CheckResult(check, CheckOutcome.INCONCLUSIVE, detail);
    }
}
