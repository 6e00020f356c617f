package io.meshcanary.analysis;

/** What one check said about the canary in one analysis round. */
public enum CheckOutcome {
    PASS,
    FAIL,
    /** Too little data to say; never counted as a pass. */
    INCONCLUSIVE
}
