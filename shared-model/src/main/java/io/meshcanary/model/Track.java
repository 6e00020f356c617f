package io.meshcanary.model;

import java.util.Locale;

/** The two ECS services of an onboarded app: the user's own service is the canary, its twin the primary. */
public enum Track {
    PRIMARY,
    CANARY;

    /** The lower-case name used in Cloud Map attributes and virtual node names. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
