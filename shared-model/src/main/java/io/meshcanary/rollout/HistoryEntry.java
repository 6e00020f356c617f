package io.meshcanary.rollout;

import io.meshcanary.analysis.CheckResult;
import io.meshcanary.analysis.JudgeSummary;
import java.time.Instant;
import java.util.List;

/**
 * One transition of a rollout, kept in its record so that the record alone tells what happened.
 *
 * @param judge what the statistical judge found, on the entry of an analysis round that ran it; otherwise null
 * @param checks on the entry of an analysis round, each check's outcome with what was measured against its limit
 *        ("mean 1.7 of 5 samples is above max 1"), so that a view of the record shows them; otherwise empty
 */
public record HistoryEntry(Instant at, Phase phase, int canaryWeight, String note, JudgeSummary judge,
        List<CheckResult> checks) {

    public HistoryEntry {
        // Entries written before the checks were kept have none.
        checks = checks == null ? List.of() : List.copyOf(checks);
    }

    public HistoryEntry(Instant at, Phase phase, int canaryWeight, String note) {
        this(at, phase, canaryWeight, note, null, List.of());
    }

    public HistoryEntry(Instant at, Phase phase, int canaryWeight, String note, JudgeSummary judge) {
        this(at, phase, canaryWeight, note, judge, List.of());
    }
}
