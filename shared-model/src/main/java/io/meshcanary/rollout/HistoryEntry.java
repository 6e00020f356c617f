package io.meshcanary.rollout;

import java.time.Instant;

/** One transition of a rollout, kept in its record so that the record alone tells what happened. */
public record HistoryEntry(Instant at, Phase phase, int canaryWeight, String note) {
}
