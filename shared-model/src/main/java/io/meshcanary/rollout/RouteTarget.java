package io.meshcanary.rollout;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * One of the team's own targets on the route it had before onboarding (an App Mesh virtual node, say), as adoption
 * found it. The primary takes over its traffic once the twin serves, and offboarding puts it back as it was.
 *
 * @param name the target's name on the route, e.g. the virtual node {@code orders}
 * @param weight its weight on the route when the route was adopted
 * @param port the port the route named for it, or null when it named none
 */
public record RouteTarget(String name, int weight, Integer port) {

    public RouteTarget {
        Objects.requireNonNull(name, "name");
        if (weight < 0) {
            throw new IllegalArgumentException("route target %s has a negative weight %d".formatted(name, weight));
        }
    }

    /** The weight as adopted of the first of {@code targets} {@code named} accepts, if adoption found one. */
    public static OptionalInt adoptedWeight(List<RouteTarget> targets, Predicate<String> named) {
        return targets.stream().filter(target -> named.test(target.name())).mapToInt(RouteTarget::weight).findFirst();
    }
}
