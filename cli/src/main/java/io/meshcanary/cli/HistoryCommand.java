package io.meshcanary.cli;

import io.meshcanary.cli.Operator.App;
import io.meshcanary.rollout.HistoryEntry;
import io.meshcanary.rollout.Rollout;
import io.meshcanary.rollout.RolloutSummary;
import io.meshcanary.timeline.RolloutTimeline;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code meshcanary history APP}: the app's rollouts, newest first, then the transitions of the last one. */
@Command(name = "history", description = {"The app's rollouts, newest first, and the transitions of the last one.",
        "Per rollout: when it started, the canary's revision, how it ended, the steps it reached, how long it took and"
                + " why it failed. Then, as the last rollout's record holds them: when, the phase, the canary's weight"
                + " then, and what happened."})
final class HistoryCommand implements Callable<Integer> {

    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final String ROW = "  %-19s  %-22s %-12s %-5s  %-7s %s";

    @ParentCommand
    private MeshCanary root;

    @Mixin
    private OutputOption output;

    @Mixin
    private AppArgument appArgument;

    @Override
    public Integer call() {
        Operator operator = root.operator();
        App app = appArgument.resolve(operator);
        Rollout record = operator.lastRollout(app);
        List<RolloutSummary> ended = ended(operator, record);
        if (output.json()) {
            OutputOption.print(root.out, new History(record.service(), record.execution(), record.phase().name(),
                    record.reason(), record.history(), ended));
            return 0;
        }
        int count = ended.size() + (record.active() ? 1 : 0);
        root.out.printf("%s: %d rollout%s, newest first%n", app.key(), count, count == 1 ? "" : "s");
        root.out.println(ROW.formatted("STARTED (UTC)", "CANARY", "OUTCOME", "STEPS", "TOOK", "WHY"));
        if (record.active()) {
            root.out.println(root.ansi().string(ROW.formatted(STARTED.format(record.history().getFirst().at()),
                    AppStatus.revision(record.canaryTaskDefinition()), Colours.phase(record.phase().name()),
                    record.step(), "-", "running")));
        }
        for (RolloutSummary rollout : ended) {
            root.out.println(root.ansi().string(ROW.formatted(STARTED.format(rollout.startedAt()),
                    AppStatus.revision(rollout.canaryTaskDefinition()), Colours.phase(rollout.phase().name()),
                    rollout.bootstrap() ? "-" : Integer.toString(rollout.steps()),
                    RolloutView.shortly(Duration.between(rollout.startedAt(), rollout.endedAt())),
                    rollout.bootstrap() ? "bootstrap" : RolloutTimeline.shortName(rollout.reason()))).stripTrailing());
        }
        root.out.printf("%nlast rollout, of %s (execution %s):%n", AppStatus.revision(record.canaryTaskDefinition()),
                record.execution());
        for (HistoryEntry entry : record.history()) {
            root.out.println(root.ansi().string("  %s  %s canary %3d%%  %s".formatted(
                    entry.at().truncatedTo(ChronoUnit.MILLIS), Colours.phase(entry.phase().name()),
                    entry.canaryWeight(), RolloutTimeline.shortName(entry.note()))));
            JudgeLines.of(entry.judge()).forEach(root.out::println);
        }
        return 0;
    }

    /**
     * The app's ended rollouts, newest first. The last record is one of them once it has ended, even if its summary
     * was never kept (a record written before summaries were, or a summary write that failed after the record's).
     */
    private static List<RolloutSummary> ended(Operator operator, Rollout record) {
        List<RolloutSummary> ended = new ArrayList<>(operator.store.ended(record.service()));
        boolean kept = ended.stream().anyMatch(summary -> summary.execution().equals(record.execution()));
        if (!record.active() && !kept) {
            ended.add(RolloutSummary.of(record));
            ended.sort(RolloutSummary.NEWEST_FIRST);
        }
        return ended;
    }

    /**
     * The JSON form: the last rollout's transitions with what identifies it, and the summaries of the app's ended
     * rollouts, newest first.
     */
    private record History(String service, String execution, String phase, String reason,
            List<HistoryEntry> transitions, List<RolloutSummary> rollouts) {
    }
}
