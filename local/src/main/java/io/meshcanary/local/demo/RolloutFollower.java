package io.meshcanary.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshcanary.rollout.Phase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Follows one rollout of the demo until it ends. Each new entry of the rollout record's history goes on the
 * timeline with its step and weights; the route's weights are read back every poll, for the chart and for the
 * progress shown while the workflow waits. Reads only: what moves the rollout is the product's own code.
 */
final class RolloutFollower {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final Duration POLL = Duration.ofMillis(200);

    /** Called once when the rollout has applied step {@code step}: where a scenario makes something happen. */
    interface StepHook {
        void reached(int step, RolloutFollower rollout);
    }

    private final DemoShop shop;
    private final WebhookGate gate;
    private final String table;
    private final Timeline timeline;
    private final String label;
    private final int steps;
    private final int intervalSeconds;
    private final List<WeightChart.Point> weights = new ArrayList<>();
    private final List<WeightChart.Marker> markers = new ArrayList<>();
    private int printed;
    private int gateQuestionsSeen;
    private int step;
    private double stepAppliedAt;
    private Double alarmAt;
    private boolean revertShown;

    RolloutFollower(DemoShop shop, WebhookGate gate, String table, Timeline timeline, String label, int steps,
            int intervalSeconds) {
        this.shop = shop;
        this.gate = gate;
        this.table = table;
        this.timeline = timeline;
        this.label = label;
        this.steps = steps;
        this.intervalSeconds = intervalSeconds;
    }

    static boolean ended(String phase) {
        return Phase.valueOf(phase).terminal();
    }

    RolloutRun follow(String title, String taskDefinition, StepHook hook) throws InterruptedException {
        timeline.say("%n== %s %s: %s".formatted(label, title, shortName(taskDefinition)));
        double started = timeline.seconds();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Optional<JsonNode> last = Optional.empty();
        while (System.nanoTime() < deadline) {
            int canary = shop.canaryWeight();
            sample(canary);
            showRevert(canary);
            showGateAnswers(taskDefinition);
            Optional<JsonNode> record = shop.record(table)
                    .filter(found -> found.path("canaryTaskDefinition").asText().equals(taskDefinition));
            if (record.isEmpty()) {
                timeline.progress(label, "waiting for ECS's deployment event to start the rollout");
            } else {
                last = record;
                JsonNode history = record.get().path("history");
                for (; printed < history.size(); printed++) {
                    show(history.get(printed), hook);
                }
                if (ended(record.get().path("phase").asText())) {
                    holdLastWeightUntilNow();
                    break;
                }
                timeline.progress(label, waiting(record.get().path("phase").asText(), canary));
            }
            Thread.sleep(POLL);
        }
        return new RolloutRun(label, title, taskDefinition, last, timeline.seconds() - started, weights, markers);
    }

    /** The scenario set the rollout's alarm off: the timeline then watches for the route's revert. */
    void alarmFired(String text) {
        alarmAt = timeline.seconds();
        markers.add(new WeightChart.Marker(alarmAt, "alarm"));
        timeline.event(label, text);
    }

    private void sample(int canary) {
        if (weights.isEmpty() || weights.getLast().canary() != canary) {
            weights.add(new WeightChart.Point(timeline.seconds(), canary));
        }
    }

    /** The chart's line runs to the rollout's end, not just to its last change. */
    private void holdLastWeightUntilNow() {
        double now = timeline.seconds();
        if (now - weights.getLast().seconds() >= 0.1) {
            weights.add(new WeightChart.Point(now, weights.getLast().canary()));
        }
    }

    private void show(JsonNode entry, StepHook hook) {
        String phase = entry.path("phase").asText();
        String note = shortName(entry.path("note").asText());
        int canary = entry.path("canaryWeight").asInt();
        // The history has no step field: a step is the entry Rollout.withStep writes, "weight N%".
        boolean stepApplied = phase.equals("PROGRESSING") && note.startsWith("weight ");
        if (stepApplied) {
            step++;
            stepAppliedAt = timeline.seconds();
        }
        String stepText = steps > 0 && step > 0 ? "step %d/%d".formatted(step, steps) : "";
        String what = note.contains("failed checks") ? "analysis: " + note : stepApplied ? "" : note;
        timeline.event(label, "%-12s %-9s %s  %s".formatted(phase, stepText, weights(canary), what).strip());
        switch (phase) {
            case "SUCCEEDED" -> mark("promoted");
            case "FAILED" -> mark("rolled back");
            default -> { }
        }
        if (stepApplied) {
            hook.reached(step, this);
        }
    }

    private void showGateAnswers(String taskDefinition) {
        List<JsonNode> asked = gate.asked();
        for (JsonNode question : asked.subList(gateQuestionsSeen, asked.size())) {
            if (question.path("taskDefinition").asText().equals(taskDefinition)) {
                timeline.event(label, "%-12s %s gate asked at canary %d%%, answered %s".formatted("GATE",
                        question.path("stage").asText(), question.path("canaryWeight").asInt(), gate.answer()));
            }
        }
        gateQuestionsSeen = asked.size();
    }

    /** The alarm guard's fast path, as the route shows it: traffic back on the primary before the next step. */
    private void showRevert(int canary) {
        if (alarmAt != null && !revertShown && canary == 0) {
            revertShown = true;
            mark("reverted");
            timeline.event(label, "route read back: %s, reverted %.1fs after the alarm, before the next step"
                    .formatted(weights(canary), timeline.seconds() - alarmAt));
        }
    }

    private String waiting(String phase, int canary) {
        String route = "(route: " + weights(canary) + ")";
        return switch (phase) {
            case "INITIALIZING" -> "waiting for the canary's tasks to register " + route;
            case "PROGRESSING" -> "waiting %.0fs/%ds before the analysis of step %d/%d %s".formatted(
                    Math.min(timeline.seconds() - stepAppliedAt, intervalSeconds), intervalSeconds, step, steps,
                    route);
            case "PROMOTING" -> "waiting for the primary's tasks of the new revision " + route;
            case "ABORTED" -> "waiting for the workflow's next step to finish the rollback " + route;
            default -> "working " + route;
        };
    }

    private void mark(String text) {
        markers.add(new WeightChart.Marker(timeline.seconds(), text));
    }

    private static String weights(int canary) {
        return "primary %3d%% | canary %3d%%".formatted(100 - canary, canary);
    }

    /** {@code orders-1a2b3c:2} for a task definition ARN, also inside a note: the ARNs drown the timeline. */
    static String shortName(String text) {
        return text.replaceAll("arn:aws:ecs:[^ ,]*:task-definition/", "");
    }
}
