package io.meshcanary.rollout;

import com.fasterxml.jackson.annotation.JsonValue;
import io.meshcanary.spec.Gate;
import io.meshcanary.spec.GateType;
import java.util.Locale;
import java.util.Optional;

/** The gate at a stage, as the workflow's gate Choice states match it. */
public enum GateKind {
    NONE,
    /** A Lambda function or a webhook, asked by the workflow. */
    AUTO,
    /** An operator's approval, waited for on a task token. */
    MANUAL;

    static GateKind of(Optional<Gate> gate) {
        return gate.map(found -> found.type() == GateType.MANUAL ? MANUAL : AUTO).orElse(NONE);
    }

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
