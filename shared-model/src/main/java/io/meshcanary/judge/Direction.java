package io.meshcanary.judge;

/** Which change of a metric is bad: a rise, a fall or either. */
public enum Direction {
    INCREASE("increase"),
    DECREASE("decrease"),
    EITHER("either");

    private final String label;

    Direction(String label) {
        this.label = label;
    }

    /** As the spec and the CLI spell it. */
    public String label() {
        return label;
    }

    boolean watchesIncrease() {
        return this != DECREASE;
    }

    boolean watchesDecrease() {
        return this != INCREASE;
    }

    /** @throws IllegalArgumentException naming the allowed labels */
    public static Direction fromLabel(String label) {
        for (Direction direction : values()) {
            if (direction.label.equals(label)) {
                return direction;
            }
        }
        throw new IllegalArgumentException("must be increase, decrease or either, was " + label);
    }
}
