package io.meshcanary.cli;

import io.meshcanary.analysis.JudgeSummary;
import io.meshcanary.rollout.HistoryEntry;
import io.meshcanary.rollout.Rollout;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The statistical judge's findings as {@code status} and {@code history} print them under a rollout's line: the score,
 * then per metric its class and what the class rests on, so that a reader can check it without the record.
 */
final class JudgeLines {

    private static final String METRIC =
            "      %-20s %-6s canary %s  baseline %s  ratio %s  p %s  shift %s in [%s, %s]%s";

    private JudgeLines() {
    }

    /** The findings of the rollout's last analysis round that ran the judge; null when none did. */
    static JudgeSummary latest(Rollout rollout) {
        return rollout.history().reversed().stream().map(HistoryEntry::judge).filter(judge -> judge != null)
                .findFirst().orElse(null);
    }

    /** The lines of {@code judge}; none for null, so that a view may call this for every rollout and entry. */
    static List<String> of(JudgeSummary judge) {
        if (judge == null) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add("    judge: score %s, %s%s".formatted(shown(judge.score()), judge.outcome(),
                judge.dryRun() ? " (dry run: reported, never decides)" : ""));
        for (JudgeSummary.Metric metric : judge.metrics()) {
            lines.add(METRIC.formatted(metric.name(), metric.classification(),
                    track(metric.canaryCount(), metric.canaryMedian()),
                    track(metric.baselineCount(), metric.baselineMedian()), shown(metric.ratio()),
                    shown(metric.pValue()), shown(metric.shift()), shown(metric.low()), shown(metric.high()),
                    (metric.critical() ? ", critical" : "") + (metric.dryRun() ? ", dry run" : ""))
                    .stripTrailing());
        }
        return lines;
    }

    private static String track(int count, Double median) {
        return "%d samples, median %s".formatted(count, shown(median));
    }

    /** Four significant digits, without trailing zeros; "-" for a figure that does not exist. */
    static String shown(Double value) {
        if (value == null) {
            return "-";
        }
        String text = String.format(Locale.ROOT, "%.4g", value);
        if (text.contains("e")) {
            return text;
        }
        return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
    }
}
