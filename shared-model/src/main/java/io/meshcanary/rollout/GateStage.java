package io.meshcanary.rollout;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** Where a gate stands in the rollout, as the workflow's gate steps name it in their payload. */
public enum GateStage {
    PRE_ROLLOUT("preRollout"),
    PRE_STEP("preStep"),
    PRE_PROMOTION("prePromotion");

    private final String label;

    GateStage(String label) {
        this.label = label;
    }

    /** The name the workflow sends and the spec's {@code gates} object uses: renaming one changes both APIs. */
    @JsonValue
    public String label() {
        return label;
    }

    /** @throws InvalidInputException naming the field, for a stage the workflow does not have */
    @JsonCreator
    public static GateStage named(String label) {
        return Arrays.stream(values()).filter(stage -> stage.label.equals(label)).findFirst()
                .orElseThrow(() -> new InvalidInputException("stage", "unknown gate stage %s; expected one of %s"
                        .formatted(label, Arrays.stream(values()).map(GateStage::label).toList())));
    }
}
