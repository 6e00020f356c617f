package io.meshcanary.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.model.Redaction;
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

    private static final String PRE_ROLLOUT = "preRollout";
    private static final String PRE_STEP = "preStep";
    private static final String PRE_PROMOTION = "prePromotion";

    public Gates {
        Objects.requireNonNull(preRollout, "preRollout");
        Objects.requireNonNull(preStep, "preStep");
        Objects.requireNonNull(prePromotion, "prePromotion");
    }

    void requireSecretsUnder(String prefix) {
        requireSecretsUnder(PRE_ROLLOUT, preRollout, prefix);
        requireSecretsUnder(PRE_STEP, preStep, prefix);
        requireSecretsUnder(PRE_PROMOTION, prePromotion, prefix);
    }

    private static void requireSecretsUnder(String stage, Optional<Gate> gate, String prefix) {
        gate.ifPresent(present -> Paths.check(stage, () -> present.requireSecretsUnder(prefix)));
    }

    static Gates read(JsonNode gates) {
        return new Gates(gate(gates, PRE_ROLLOUT), gate(gates, PRE_STEP), gate(gates, PRE_PROMOTION));
    }

    /** Replaces, in a copy's gates, each webhook URL by what {@link Redaction#url} may show of it. */
    static void redact(JsonNode gates) {
        String url = GateType.WEBHOOK.targetField();
        gates.forEach(gate -> {
            if (gate.hasNonNull(url)) {
                ((ObjectNode) gate).put(url, Redaction.url(gate.get(url).asText()));
            }
        });
    }

    private static Optional<Gate> gate(JsonNode gates, String name) {
        return Optional.ofNullable(gates.get(name)).map(gate -> Paths.within(name, () -> Gate.read(gate)));
    }
}
