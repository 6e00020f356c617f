package io.meshcanary.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * The gates of a rollout; each is optional.
 *
 * @param preRollout asked once, before any traffic moves to the canary
 * @param preStep asked before each weight increase
 * @param prePromotion asked once, before the primary takes the canary's task definition
 */
public record Gates(Optional<Gate> preRollout, Optional<Gate> preStep, Optional<Gate> prePromotion) {

    public static final Gates NONE = new Gates(Optional.empty(), Optional.empty(), Optional.empty());

    public Gates {
        Objects.requireNonNull(preRollout, "preRollout");
        Objects.requireNonNull(preStep, "preStep");
        Objects.requireNonNull(prePromotion, "prePromotion");
    }

    static Gates read(JsonNode gates) {
        return new Gates(gate(gates, "preRollout"), gate(gates, "preStep"), gate(gates, "prePromotion"));
    }

    private static Optional<Gate> gate(JsonNode gates, String name) {
        return Optional.ofNullable(gates.get(name)).map(gate -> Paths.within(name, () -> Gate.read(gate)));
    }
}
