package io.meshcanary.spec;

import java.util.Locale;

/** How a gate is asked. */
public enum GateType {
    /** Invokes a Lambda function, the gate's target. */
    LAMBDA("functionArn"),
    /** Calls a URL, the gate's target. */
    WEBHOOK("url"),
    /** Waits for a person to approve, on a Step Functions task token; it has no target. */
    MANUAL(null);

    private final String targetField;

    GateType(String targetField) {
        this.targetField = targetField;
    }

    /** The spec field that holds the target, or null for a manual gate. */
    public String targetField() {
        return targetField;
    }

    /** @param json the spec's spelling, e.g. {@code lambda} */
    static GateType fromJson(String json) {
        return valueOf(json.toUpperCase(Locale.ROOT));
    }
}
