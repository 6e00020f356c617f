package io.meshcanary.cli;

import io.meshcanary.cli.Operator.App;
import io.meshcanary.rollout.HistoryEntry;
import io.meshcanary.rollout.Rollout;
import io.meshcanary.timeline.RolloutTimeline;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code meshcanary history APP}: the transitions of the app's last rollout, from its record. */
@Command(name = "history", description = {"The transitions of the app's last rollout.",
        "As its record holds them: when, the phase, the canary's weight then, and what happened."})
final class HistoryCommand implements Callable<Integer> {

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
        if (output.json()) {
            OutputOption.print(root.out, new History(record.service(), record.execution(), record.phase().name(),
                    record.reason(), record.history()));
            return 0;
        }
        root.out.printf("%s: rollout of %s, execution %s%n", app.key(), AppStatus.revision(
                record.canaryTaskDefinition()), record.execution());
        for (HistoryEntry entry : record.history()) {
            root.out.println(root.ansi().string("  %s  %s canary %3d%%  %s".formatted(
                    entry.at().truncatedTo(ChronoUnit.MILLIS), Colours.phase(entry.phase().name()),
                    entry.canaryWeight(), RolloutTimeline.shortName(entry.note()))));
            JudgeLines.of(entry.judge()).forEach(root.out::println);
        }
        return 0;
    }

    /** The JSON form: the record's transitions with what identifies the rollout. */
    private record History(String service, String execution, String phase, String reason,
            List<HistoryEntry> transitions) {
    }
}
