package io.meshcanary.nativemode;

import io.meshcanary.spec.InvalidSpecException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The weights of the new revision at which ECS's own deployment of a service stops before its next traffic step, and
 * once more at 100 before it finishes: the only weights at which a pause hook can hold it, so the only ones a native
 * spec may analyse at.
 *
 * @param strategy the strategy and its setting, in words: {@code LINEAR with stepPercent 10}
 * @param stops the weights in tenths of a percent (ECS's settings are multiples of 0.1), ascending, ending at 1000
 */
public record TrafficGrid(String strategy, List<Integer> stops) {

    /** ECS's defaults when the service sets none (API reference, LinearConfiguration and CanaryConfiguration). */
    public static final double DEFAULT_STEP_PERCENT = 10.0;
    public static final double DEFAULT_CANARY_PERCENT = 5.0;

    private static final int FULL = 1000;

    public TrafficGrid {
        stops = List.copyOf(stops);
        if (stops.isEmpty() || stops.getLast() != FULL) {
            throw new IllegalArgumentException("a grid ends at 100%, was " + stops);
        }
    }

    /** A linear deployment shifts {@code stepPercent} at each step; its last step shifts what is left. */
    public static TrafficGrid linear(double stepPercent) {
        int step = tenths(stepPercent);
        List<Integer> stops = new ArrayList<>();
        for (int weight = step; weight < FULL; weight += step) {
            stops.add(weight);
        }
        stops.add(FULL);
        return new TrafficGrid("LINEAR with stepPercent " + percent(step), stops);
    }

    public static TrafficGrid canary(double canaryPercent) {
        int canary = tenths(canaryPercent);
        return new TrafficGrid("CANARY with canaryPercent " + percent(canary),
                canary < FULL ? List.of(canary, FULL) : List.of(FULL));
    }

    public static TrafficGrid blueGreen() {
        return new TrafficGrid("BLUE_GREEN", List.of(FULL));
    }

    /**
     * @param weights a native spec's steps
     * @throws InvalidSpecException naming the first weight the deployment never stops at, and the weights it does
     */
    public void requireOnGrid(List<Integer> weights) {
        for (int i = 0; i < weights.size(); i++) {
            int weight = weights.get(i);
            if (!stops.contains(weight * 10)) {
                throw new InvalidSpecException("steps.weights[%d]".formatted(i), ("%d is not a weight at which the"
                        + " service's %s deployment stops; it stops at %s").formatted(weight, strategy, describe()));
            }
        }
    }

    /** The stops in percent, such as {@code 10, 20, 30, 40, 50, 60, 70, 80, 90, 100}. */
    public String describe() {
        return stops.stream().map(TrafficGrid::percent).collect(Collectors.joining(", "));
    }

    private static int tenths(double percent) {
        int tenths = (int) Math.round(percent * 10);
        if (tenths < 1 || tenths > FULL) {
            throw new IllegalArgumentException("a traffic percentage lies between 0.1 and 100, was " + percent);
        }
        return tenths;
    }

    private static String percent(int tenths) {
        return BigDecimal.valueOf(tenths, 1).stripTrailingZeros().toPlainString();
    }
}
