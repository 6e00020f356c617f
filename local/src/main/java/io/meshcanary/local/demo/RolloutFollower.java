package io.meshcanary.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshcanary.rollout.Phase;
import io.meshcanary.rollout.Rollout;
import io.meshcanary.rollout.Weights;
import io.meshcanary.timeline.RolloutTimeline;
import io.meshcanary.timeline.Timeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Follows one rollout of the demo until it ends, drawn by the {@link RolloutTimeline} that {@code meshcanary watch}
 * draws with. Around it, the demo's own lines: the gate's answers, the alarm it raises and the route's revert. The
 * route's weights are read back every poll, for the chart and for the progress shown while the workflow waits. Reads
 * only: what moves the rollout is the product's own code.
 */
final class RolloutFollower {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final Duration POLL = Duration.ofMillis(200);

    /** Called once when the rollout has applied step {@code step}: where a scenario makes something happen. */
    interface StepHook {
        void reached(int step, RolloutFollower rollout);
    }

    private final DemoShop shop;
    private final RouterFixture route;
    private final WebhookGate gate;
    private final String table;
    private final Timeline timeline;
    private final String label;
    private final RolloutTimeline drawn;
    private final List<WeightChart.Point> weights = new ArrayList<>();
    private final List<WeightChart.Marker> markers = new ArrayList<>();
    private int gateQuestionsSeen;
    private Double alarmAt;
    private boolean revertShown;

    RolloutFollower(DemoShop shop, RouterFixture route, WebhookGate gate, String table, Timeline timeline,
            String label) {
        this.shop = shop;
        this.route = route;
        this.gate = gate;
        this.table = table;
        this.timeline = timeline;
        this.label = label;
        this.drawn = new RolloutTimeline(timeline, label);
    }

    RolloutRun follow(String title, String taskDefinition, StepHook hook) throws InterruptedException {
        timeline.say("%n== %s %s: %s".formatted(label, title, RolloutTimeline.shortName(taskDefinition)));
        double started = timeline.seconds();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Optional<Rollout> last = Optional.empty();
        while (System.nanoTime() < deadline) {
            int canary = route.canaryWeight();
            sample(canary);
            showRevert(canary);
            showGateAnswers(taskDefinition);
            Optional<Rollout> record = shop.rollout(table)
                    .filter(found -> found.canaryTaskDefinition().equals(taskDefinition));
            if (record.isEmpty()) {
                drawn.waitingForStart();
            } else {
                last = record;
                if (drawn.show(record.get(), Weights.canaryAt(canary), step -> {
                    mark("step " + step);
                    hook.reached(step, this);
                })) {
                    mark(record.get().phase() != Phase.SUCCEEDED ? "rolled back"
                            : record.get().bootstrap() ? "bootstrapped" : "promoted");
                    holdLastWeightUntilNow();
                    break;
                }
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

    private void showGateAnswers(String taskDefinition) {
        List<JsonNode> asked = gate.asked();
        for (JsonNode question : asked.subList(gateQuestionsSeen, asked.size())) {
            if (question.path("taskDefinition").asText().equals(taskDefinition)) {
                mark(question.path("stage").asText() + " gate");
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
                    .formatted(RolloutTimeline.weights(canary), timeline.seconds() - alarmAt));
        }
    }

    private void mark(String text) {
        markers.add(new WeightChart.Marker(timeline.seconds(), text));
    }
}
