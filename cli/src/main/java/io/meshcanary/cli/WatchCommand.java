package io.meshcanary.cli;

import io.meshcanary.cli.Operator.App;
import io.meshcanary.rollout.HistoryEntry;
import io.meshcanary.rollout.Phase;
import io.meshcanary.rollout.Rollout;
import io.meshcanary.rollout.Weights;
import io.meshcanary.spec.CanarySpec;
import io.meshcanary.timeline.RolloutTimeline;
import io.meshcanary.timeline.Timeline;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code meshcanary watch APP}: the live timeline of the app's rollout, the one the demo draws, until it ends. */
@Command(name = "watch", description = {"Follow the app's rollout live until it ends.",
        "On a terminal, the view status APP prints, redrawn in place: the steps with the current one marked, each"
        + " track's revision and tasks with the weights read back from the router, the last analysis's checks against"
        + " their limits, the gate and the verb that answers it, and what happens next and when.",
        "Elsewhere (a pipe, a log), each transition as a line with its phase, step"
        + " and weights, analysis verdicts, gates, alarms and the rollback, and what the workflow waits for, with the"
        + " weights read back from the router. A rollout that already ended is shown whole.",
        "With --output json, one JSON document a line for each transition, and no timeline.",
        "Exits 0 when the rollout was promoted, 1 when it was rolled back or superseded."})
final class WatchCommand implements Callable<Integer> {

    private static final Duration POLL = Duration.ofMillis(500);
    /**
     * The record is read at each poll (one GetItem); the router and the tracks (one DescribeServices, and per track the
     * router's count of healthy targets: about ten calls in all behind an ALB) when the record changed, and at least
     * this often, so that tasks starting show.
     */
    private static final Duration READS_EVERY = Duration.ofSeconds(5);
    /** Cursor home, then each line cleared to its end, then the rest of the screen cleared: no flicker. */
    private static final String HOME = "\u001b[H";
    private static final String CLEAR_LINE = "\u001b[K";
    private static final String CLEAR_BELOW = "\u001b[J";
    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    @ParentCommand
    private MeshCanary root;

    @Mixin
    private OutputOption output;

    @Mixin
    private AppArgument appArgument;

    @Override
    public Integer call() throws InterruptedException {
        Operator operator = root.operator();
        App app = appArgument.resolve(operator);
        Rollout record = operator.lastRollout(app);
        String execution = record.execution();
        CanarySpec spec = CanarySpec.parse(record.spec());
        if (root.terminal && !output.json()) {
            return redraw(operator, app, record);
        }
        // Counted from the rollout's start, so that a watch joining late shows when each transition happened.
        Instant started = record.history().getFirst().at();
        Timeline timeline = new Timeline(output.json() ? nowhere() : root.out, root.terminal, started);
        timeline.say("%s: rollout of %s (execution %s), started %s".formatted(app.key(), AppStatus.revision(
                record.canaryTaskDefinition()), execution, STARTED.format(started)));
        RolloutTimeline drawn = new RolloutTimeline(timeline, "");
        int printed = 0;
        while (true) {
            Weights routed = operator.routedWeights(app, spec);
            boolean ended = drawn.show(record, routed, RolloutTimeline.StepHook.NONE);
            if (output.json()) {
                // One JSON document a line, for each new transition, with the weights read back as it was seen.
                for (; printed < record.history().size(); printed++) {
                    OutputOption.printLine(root.out, new Transition(app.key(), execution,
                            record.history().get(printed), routed));
                }
            }
            if (ended) {
                break;
            }
            Thread.sleep(POLL);
            record = operator.record(app).orElseThrow();
            if (!record.execution().equals(execution)) {
                timeline.say("superseded by a newer rollout, of %s (execution %s): meshcanary watch %s follows it"
                        .formatted(AppStatus.revision(record.canaryTaskDefinition()), record.execution(), app.key()));
                return CliException.REFUSED;
            }
        }
        Weights routed = operator.routedWeights(app, spec);
        boolean promoted = record.phase() == Phase.SUCCEEDED;
        timeline.say("%s; route now %s".formatted(promoted ? "promoted " + AppStatus.revision(
                record.canaryTaskDefinition()) : record.phase() + ": " + record.reason(),
                RolloutTimeline.weights(routed.canary())));
        return promoted ? 0 : CliException.REFUSED;
    }

    /** The view, redrawn in place at each poll until the rollout ends, so that "in 5s" counts down. */
    private int redraw(Operator operator, App app, Rollout first) throws InterruptedException {
        Rollout record = first;
        CanarySpec spec = CanarySpec.parse(record.spec());
        RolloutView.Reads reads = operator.reads(app, spec);
        long readAt = System.nanoTime();
        long readVersion = record.version();
        while (true) {
            if (record.version() != readVersion || System.nanoTime() - readAt > READS_EVERY.toNanos()) {
                reads = operator.reads(app, spec);
                readAt = System.nanoTime();
                readVersion = record.version();
            }
            StringBuilder screen = new StringBuilder(HOME);
            RolloutView.render(record, reads, Instant.now()).forEach(line -> screen.append(line).append(CLEAR_LINE)
                    .append('\n'));
            root.out.print(screen.append(CLEAR_BELOW));
            root.out.flush();
            if (record.phase().terminal()) {
                return record.phase() == Phase.SUCCEEDED ? 0 : CliException.REFUSED;
            }
            Thread.sleep(POLL);
            Rollout read = operator.record(app).orElseThrow();
            if (!read.execution().equals(record.execution())) {
                root.out.printf("superseded by a newer rollout, of %s (execution %s): meshcanary watch %s follows it%n",
                        AppStatus.revision(read.canaryTaskDefinition()), read.execution(), app.key());
                return CliException.REFUSED;
            }
            record = read;
        }
    }

    private static PrintStream nowhere() {
        return new PrintStream(OutputStream.nullOutputStream());
    }

    /** The JSON form of one transition. */
    private record Transition(String service, String execution, HistoryEntry transition, Weights routed) {
    }
}
