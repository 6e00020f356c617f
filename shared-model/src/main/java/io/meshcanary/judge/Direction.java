package io.meshcanary.judge;

import java.util.Locale;

/** Which change of a metric is bad: a rise, a fall or either. */
public enum Direction {
    INCREASE,
    DECREASE,
    EITHER;

    boolean watchesIncrease() {
        return this != DECREASE;
    }

    boolean watchesDecrease() {
        return this != INCREASE;
    }

    /**
     * @param label the name in lower case, as the spec and the CLI spell it
     * @throws IllegalArgumentException naming the allowed labels
     */
    public static Direction fromLabel(String label) {
        for (Direction direction : values()) {
            if (direction.name().toLowerCase(Locale.ROOT).equals(label)) {
                return direction;
            }
        }
        throw new IllegalArgumentException("must be increase, decrease or either, was " + label);
    }
}
