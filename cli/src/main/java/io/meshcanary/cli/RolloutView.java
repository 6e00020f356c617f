package io.meshcanary.cli;

import io.meshcanary.analysis.CheckResult;
import io.meshcanary.rollout.HistoryEntry;
import io.meshcanary.rollout.Phase;
import io.meshcanary.rollout.Rollout;
import io.meshcanary.rollout.Weights;
import io.meshcanary.spec.CanarySpec;
import io.meshcanary.spec.Gate;
import io.meshcanary.timeline.RolloutTimeline;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One rollout as {@code status APP} prints it and {@code watch APP} redraws it: the steps with the current one marked,
 * each track's revision and tasks with the weights read back, the last analysis's checks measured against their
 * limits, the judge, the gate and the verb that answers it, and what happens next and when. Everything but the tracks
 * and the weights comes from the record, whatever engine moves the traffic.
 */
final class RolloutView {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final String TRACK = "  %-9s %-24s %7s %7s %7s  %s";

    /**
     * A track as read just now.
     *
     * @param running the track's running tasks as its router counts them (behind App Mesh, those registered), whatever
     *        their revision
     * @param healthy the track's targets its load balancer finds healthy; empty where the router checks no health
     */
    record TrackState(String track, String revision, int desired, int running, OptionalInt healthy) {
    }

    /**
     * What the CLI read beside the record.
     *
     * @param routed the weights read back from the router, or null ({@code routerError} says why)
     */
    record Reads(Weights routed, String routerError, List<TrackState> tracks) {
    }

    private RolloutView() {
    }

    /** The view of {@code record} at {@code now}. */
    static List<String> render(Rollout record, Reads reads, Instant now) {
        CanarySpec spec = CanarySpec.parse(record.spec());
        List<String> lines = new ArrayList<>();
        Instant started = record.history().getFirst().at();
        lines.add("%s  %s  %s of %s, execution %s".formatted(record.service(), record.phase(),
                record.bootstrap() ? "bootstrap" : "rollout", AppStatus.revision(record.canaryTaskDefinition()),
                record.execution()));
        lines.add("  started %s (%s ago); failed checks %d of %d%s".formatted(DAY.format(started),
                shortly(Duration.between(started, now)), record.failedChecks(), spec.analysis().threshold(),
                record.promoteRequested() ? "; promotion requested" : ""));
        lines.add("steps");
        lines.addAll(steps(record, spec));
        lines.add("tracks");
        lines.add(TRACK.formatted("TRACK", "REVISION", "DESIRED", "RUNNING", "HEALTHY", "WEIGHT (ROUTER)"));
        for (TrackState track : reads.tracks()) {
            lines.add(TRACK.formatted(track.track(), AppStatus.revision(track.revision()), track.desired(),
                    track.running(), track.healthy().isPresent() ? Integer.toString(track.healthy().getAsInt()) : "-",
                    weight(reads, track.track())).stripTrailing());
        }
        if (reads.routerError() != null) {
            lines.add("  router: " + reads.routerError());
        }
        lines.addAll(checks(record));
        JudgeLines.of(JudgeLines.latest(record)).forEach(lines::add);
        lines.add("gate   " + gate(record, spec));
        lines.add("next   " + next(record, spec, now));
        return lines;
    }

    private static List<String> steps(Rollout record, CanarySpec spec) {
        if (record.bootstrap()) {
            return List.of("  - a bootstrap has no weight steps: the twin takes the route once its tasks serve");
        }
        List<Instant> applied = stepsApplied(record);
        List<String> lines = new ArrayList<>();
        List<Integer> weights = spec.steps();
        boolean moving = record.phase() == Phase.PROGRESSING || record.phase() == Phase.INITIALIZING;
        for (int step = 1; step <= weights.size(); step++) {
            boolean current = moving && step == record.step();
            String mark = current ? ">" : step <= record.step() ? "x" : " ";
            String when = step <= applied.size() ? "applied " + TIME.format(applied.get(step - 1)) : "";
            lines.add("  [%s] step %d/%d  canary %3d%%  %s%s".formatted(mark, step, weights.size(),
                    weights.get(step - 1), when, current ? "  <- now" : "").stripTrailing());
        }
        boolean promoting = record.phase() == Phase.PROMOTING;
        lines.add("  [%s] promote%s".formatted(promoting ? ">" : record.phase() == Phase.SUCCEEDED ? "x" : " ",
                promoting ? "  <- now" : ""));
        return lines;
    }

    /** When each weight step was applied: the history has no step field, a step is the entry "weight N%". */
    private static List<Instant> stepsApplied(Rollout record) {
        return record.history().stream()
                .filter(entry -> entry.phase() == Phase.PROGRESSING && entry.note().startsWith("weight "))
                .map(HistoryEntry::at).toList();
    }

    /** A track the weights do not name (one a newer stack adds) shows its tasks, and "-" for its weight. */
    private static String weight(Reads reads, String track) {
        if (reads.routed() == null) {
            return "unreadable";
        }
        return switch (track) {
            case "primary" -> "%3d%%".formatted(reads.routed().primary());
            case "canary" -> "%3d%%".formatted(reads.routed().canary());
            default -> "-";
        };
    }

    /** The last analysis round's checks, each with what it measured against its limit. */
    private static List<String> checks(Rollout record) {
        Optional<HistoryEntry> round = record.history().reversed().stream()
                .filter(entry -> !entry.checks().isEmpty()).findFirst();
        if (round.isEmpty()) {
            return List.of("checks  no analysis yet");
        }
        List<String> lines = new ArrayList<>();
        lines.add("checks  at %s: %s".formatted(TIME.format(round.get().at()), round.get().note()));
        for (CheckResult check : round.get().checks()) {
            lines.add("  %-12s %-22s %s".formatted(check.outcome(), check.check(), check.detail()));
        }
        return lines;
    }

    private static String gate(Rollout record, CanarySpec spec) {
        String app = record.app();
        if (record.approvalToken() != null) {
            return "waiting for an operator: meshcanary approve %s passes it, meshcanary abort %s rolls back"
                    .formatted(app, app);
        }
        List<String> gates = new ArrayList<>();
        spec.gates().preStep().ifPresent(gate -> gates.add("before each step: " + kind(gate)));
        spec.gates().prePromotion().ifPresent(gate -> gates.add("before promotion: " + kind(gate)));
        return gates.isEmpty() ? "none" : "none waiting; " + String.join(", ", gates);
    }

    private static String kind(Gate gate) {
        return gate.type().name().toLowerCase();
    }

    private static String next(Rollout record, CanarySpec spec, Instant now) {
        HistoryEntry last = record.history().getLast();
        return switch (record.phase()) {
            case INITIALIZING -> "waiting for the %s's tasks to serve".formatted(record.bootstrap() ? "twin"
                    : "canary");
            case PROGRESSING -> {
                if (record.approvalToken() != null) {
                    yield "nothing until the gate is answered";
                }
                List<Instant> applied = stepsApplied(record);
                boolean analysed = !applied.isEmpty() && record.history().stream()
                        .anyMatch(entry -> !entry.checks().isEmpty() && !entry.at().isBefore(applied.getLast()));
                if (analysed || applied.isEmpty()) {
                    yield record.step() >= spec.steps().size() || record.promoteRequested() ? "promotion"
                            : "step %d/%d to canary %d%%".formatted(record.step() + 1, spec.steps().size(),
                                    spec.steps().get(record.step()));
                }
                Instant due = applied.getLast().plusSeconds(spec.intervalSeconds());
                yield "analysis of step %d/%d at %s (%s)".formatted(record.step(), spec.steps().size(),
                        TIME.format(due), due.isAfter(now.plusSeconds(1)) ? "in " + shortly(Duration.between(now, due))
                                : "due");
            }
            case PROMOTING -> "the primary's tasks of %s serve, then all traffic on it"
                    .formatted(AppStatus.revision(record.canaryTaskDefinition()));
            case ABORTED -> "the workflow's next step finishes the rollback (all traffic is on the primary)";
            case ROLLING_BACK -> "the canary scales in";
            default -> "nothing: ended %s at %s%s".formatted(record.phase(), TIME.format(last.at()),
                    record.reason() == null ? "" : ": " + RolloutTimeline.shortName(record.reason()));
        };
    }

    /** {@code 42s}, {@code 1m40s}, {@code 2h05m}: a rollout's age, a wait, how long one took. */
    static String shortly(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        return seconds >= 3600 ? "%dh%02dm".formatted(seconds / 3600, seconds % 3600 / 60)
                : seconds >= 60 ? "%dm%02ds".formatted(seconds / 60, seconds % 60) : seconds + "s";
    }
}
