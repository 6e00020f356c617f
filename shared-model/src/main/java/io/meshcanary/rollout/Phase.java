package io.meshcanary.rollout;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** Where a rollout stands. The allowed moves are the whole state machine of a rollout record. */
public enum Phase {
    /** The record exists; capacity and the pre-rollout gate are not through yet. No traffic has moved. */
    INITIALIZING,
    /** Traffic is being shifted step by step. */
    PROGRESSING,
    /** The primary takes the canary's task definition and traffic returns to it. */
    PROMOTING,
    /** The fast path reverted traffic already; the workflow still has to finish the rollback. */
    ABORTED,
    ROLLING_BACK,
    SUCCEEDED,
    FAILED,
    /** A newer deployment of the same service replaced this rollout. */
    SUPERSEDED,
    /** Offboarding: the user's service takes the primary's revision, capacity and scaling back. */
    OFFBOARDING,
    /** The route is the team's again, and the twin and what meshcanary made for it are gone. */
    OFFBOARDED;

    private static final Map<Phase, Set<Phase>> NEXT = Map.of(
            INITIALIZING, EnumSet.of(PROGRESSING, SUCCEEDED, ABORTED, ROLLING_BACK, SUPERSEDED, OFFBOARDING),
            PROGRESSING, EnumSet.of(PROGRESSING, PROMOTING, ABORTED, ROLLING_BACK, SUPERSEDED),
            PROMOTING, EnumSet.of(SUCCEEDED, ABORTED, ROLLING_BACK, SUPERSEDED),
            ABORTED, EnumSet.of(ROLLING_BACK, FAILED, SUPERSEDED),
            ROLLING_BACK, EnumSet.of(FAILED),
            SUCCEEDED, EnumSet.noneOf(Phase.class),
            FAILED, EnumSet.noneOf(Phase.class),
            SUPERSEDED, EnumSet.noneOf(Phase.class),
            OFFBOARDING, EnumSet.of(OFFBOARDED),
            OFFBOARDED, EnumSet.noneOf(Phase.class));

    public boolean terminal() {
        return NEXT.get(this).isEmpty();
    }

    public boolean canMoveTo(Phase next) {
        return NEXT.get(this).contains(next);
    }
}
