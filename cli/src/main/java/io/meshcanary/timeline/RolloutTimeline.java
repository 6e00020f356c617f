package io.meshcanary.timeline;

import io.meshcanary.rollout.HistoryEntry;
import io.meshcanary.rollout.Phase;
import io.meshcanary.rollout.Rollout;
import io.meshcanary.rollout.Weights;
import io.meshcanary.spec.CanarySpec;
import java.util.List;

/**
 * Draws one rollout on a {@link Timeline} from its record: each new history entry as a line with its phase, step and
 * weights, the analysis verdicts, gates, alarms and the rollback as the record tells them; and while the workflow
 * waits, what for, with the weights read back from the router. {@code meshcanary watch} and the local demo both draw
 * with it. It only reads: what moves the rollout is the workflow.
 */
public final class RolloutTimeline {

    /** Called once when the rollout has applied weight step {@code step}: where the demo makes something happen. */
    public interface StepHook {
        StepHook NONE = step -> { };

        void reached(int step);
    }

    private final Timeline timeline;
    private final String label;
    private String execution;
    private boolean bootstrap;
    private Integer lastCanary;
    private int steps;
    private int intervalSeconds;
    private int printed;
    private int step;
    private double stepAppliedAt;

    /** @param label short name of the rollout on the timeline, e.g. {@code v2} */
    public RolloutTimeline(Timeline timeline, String label) {
        this.timeline = timeline;
        this.label = label;
    }

    /** Before the rollout's record exists. */
    public void waitingForStart() {
        timeline.progress(label, "waiting for ECS's deployment event to start the rollout");
    }

    /**
     * Shows the entries of {@code record} not shown yet and, unless the rollout ended, what it waits for.
     *
     * @param routed the weights read back from the router just now
     * @return whether the rollout has ended
     */
    public boolean show(Rollout record, Weights routed, StepHook hook) {
        follow(record);
        List<HistoryEntry> history = record.history();
        for (; printed < history.size(); printed++) {
            show(history.get(printed), hook);
        }
        if (record.phase().terminal()) {
            return true;
        }
        timeline.progress(label, waiting(record, routed.canary()));
        return false;
    }

    /** The spec in force is the record's own: its steps and interval, read once per rollout. */
    private void follow(Rollout record) {
        if (!record.execution().equals(execution)) {
            CanarySpec spec = CanarySpec.parse(record.spec());
            execution = record.execution();
            bootstrap = record.bootstrap();
            lastCanary = null;
            steps = bootstrap ? 0 : spec.steps().size();
            intervalSeconds = spec.intervalSeconds();
        }
    }

    private void show(HistoryEntry entry, StepHook hook) {
        String note = shortName(entry.note());
        // The history has no step field: a step is the entry Rollout.withStep writes, "weight N%".
        boolean stepApplied = entry.phase() == Phase.PROGRESSING && note.startsWith("weight ");
        if (stepApplied) {
            step++;
            stepAppliedAt = timeline.secondsAt(entry.at());
        }
        String stepText = steps > 0 && step > 0 ? "step %d/%d".formatted(step, steps) : "";
        String what = note.contains("failed checks") ? "analysis: " + note : stepApplied ? "" : note;
        timeline.event(label, "%-12s %-9s %s  %s".formatted(entry.phase(), stepText, weightsIfMoved(entry), what)
                .strip(), entry.at());
        if (stepApplied) {
            hook.reached(step);
        }
    }

    /**
     * The record's weights where the entry moved them, blank elsewhere: a transition that moves no traffic (an
     * abort the guard records after its revert, a bootstrap's start while the team's own target serves) would
     * otherwise show weights the route no longer or never had.
     */
    private String weightsIfMoved(HistoryEntry entry) {
        boolean moved = lastCanary == null ? !bootstrap : entry.canaryWeight() != lastCanary;
        lastCanary = entry.canaryWeight();
        return moved ? weights(entry.canaryWeight()) : " ".repeat(weights(0).length());
    }

    private String waiting(Rollout record, int canary) {
        // Until a bootstrap has moved it, the route's "canary" is the team's own target, and the primary the twin.
        String route = "(route: " + (bootstrap ? "team's target %3d%% | twin %3d%%".formatted(canary, 100 - canary)
                : weights(canary)) + ")";
        if (record.approvalToken() != null) {
            // Short, so that a redrawn line fits a terminal's width.
            return "at a manual gate: run meshcanary approve %s, or abort %s".formatted(record.service(), route);
        }
        return switch (record.phase()) {
            case INITIALIZING -> "waiting for the %s's tasks to serve %s".formatted(bootstrap ? "twin" : "canary",
                    route);
            case PROGRESSING -> "waiting %.0fs/%ds before the analysis of step %d/%d %s".formatted(
                    Math.min(timeline.seconds() - stepAppliedAt, intervalSeconds), intervalSeconds, step, steps,
                    route);
            case PROMOTING -> "waiting for the primary's tasks of the new revision " + route;
            case ABORTED -> "waiting for the workflow's next step to finish the rollback " + route;
            default -> "working " + route;
        };
    }

    /** {@code primary  90% | canary  10%}. */
    public static String weights(int canary) {
        return "primary %3d%% | canary %3d%%".formatted(100 - canary, canary);
    }

    /** {@code orders-1a2b3c:2} for a task definition ARN, also inside a note: the ARNs drown a timeline. */
    public static String shortName(String text) {
        return text == null ? "" : text.replaceAll("arn:aws:ecs:[^ ,]*:task-definition/", "");
    }
}
