package io.meshcanary.judge;

/** A metric's class, with Kayenta's names. */
public enum Classification {
    PASS("Pass"),
    /** The canary is significantly higher than the baseline, by more than the allowed increase. */
    HIGH("High"),
    /** The canary is significantly lower than the baseline, by more than the allowed decrease. */
    LOW("Low"),
    /** Too few samples on a track to judge; never a pass. */
    NO_DATA("NoData");

    private final String label;

    Classification(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
