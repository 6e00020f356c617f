package io.meshcanary.rollout;

import io.meshcanary.analysis.JudgeSummary;
import java.time.Instant;

/**
 * One transition of a rollout, kept in its record so that the record alone tells what happened.
 *
 * @param judge what the statistical judge found, on the entry of an analysis round that ran it; otherwise null
 */
public record HistoryEntry(Instant at, Phase phase, int canaryWeight, String note, JudgeSummary judge) {

    public HistoryEntry(Instant at, Phase phase, int canaryWeight, String note) {
        this(at, phase, canaryWeight, note, null);
    }
}
