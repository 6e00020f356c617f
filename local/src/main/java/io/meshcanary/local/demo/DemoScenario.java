package io.meshcanary.local.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.timeline.Timeline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * The demo's story, which {@code local/bin/demo} prints and a headless test asserts: the shop is onboarded and
 * bootstrapped on v1; v2 is healthy and promoted; v3's alarm goes off mid-rollout, the alarm guard sends the route's
 * traffic back to the primary at once, and the workflow finishes the rollback at its next step. Behind a router whose
 * demo traffic reports response times per track (ALB), the team then adds a statistical judge to its spec, and v4,
 * 40% slower than v2 with no alarm and no threshold crossed, is rolled back by the judge. The scenario only does what
 * a team and AWS would (deploy, raise an alarm, slow down); the rollouts are the product's own code.
 */
public final class DemoScenario {

    /** Where the runtime's stack looks for canary specs (the template's default SpecParameterPrefix). */
    public static final String SPEC_PREFIX = "/meshcanary";
    /** Long enough that the alarm guard's revert visibly lands before the workflow's next step. */
    public static final int INTERVAL_SECONDS = 4;
    /** v3's alarm goes off once this step's weight is on the route: mid-rollout, with traffic on the canary. */
    public static final int ALARM_AT_STEP = 2;
    /** The judged release's interval: long enough that a step's window holds the samples the judge needs. */
    public static final int JUDGED_INTERVAL_SECONDS = 8;
    /** v4's response time over v2's. */
    public static final double V4_SLOWDOWN = 1.4;

    private final DemoShop shop;
    private final RouterFixture route;
    private final Path repository;
    private final String table;
    private final Timeline timeline;
    /** How many times the primary's response time the canary's revision takes; the traffic asks every second. */
    private volatile double canarySlowdown = 1;

    /** @param route the team's route or rule, on the router the demo runs behind */
    public DemoScenario(DemoShop shop, RouterFixture route, Path repository, String table, Timeline timeline) {
        this.shop = shop;
        this.route = route;
        this.repository = repository;
        this.table = table;
        this.timeline = timeline;
    }

    /** Runs the bootstrap and the rollouts, one after the other, and returns how each went. */
    public List<RolloutRun> run() throws InterruptedException {
        ObjectNode spec = shop.spec(repository, INTERVAL_SECONDS);
        route.route(spec);
        try (WebhookGate gate = WebhookGate.answering("""
                {"open": true, "reason": "no change freeze"}""");
                DemoTraffic traffic = route.demoTraffic(spec, repository, () -> canarySlowdown)) {
            return run(gate, spec);
        }
    }

    private List<RolloutRun> run(WebhookGate gate, ObjectNode spec) throws InterruptedException {
        spec.putObject("gates").putObject("prePromotion").put("type", "webhook").put("url", gate.url());
        shop.onboard(spec, SPEC_PREFIX);
        timeline.say("onboarded: canary spec at %s/%s/%s (steps %s, %ds apart; alarm %s; webhook gate before"
                .formatted(SPEC_PREFIX, shop.cluster, shop.app, spec.path("steps").path("weights"), INTERVAL_SECONDS,
                        shop.alarm) + " promotion)");

        String v1 = shop.registerRevision("orders:1.0");
        route.createService(v1);
        RolloutRun bootstrap = follower(gate, "v1").follow("bootstrap", v1, (step, rollout) -> { });

        shop.reportErrorRate(0.2);
        RolloutRun healthy = follower(gate, "v2").follow("healthy", deploy("orders:1.1"), (step, rollout) -> { });
        RolloutRun alarmed = follower(gate, "v3").follow("alarm fires mid-rollout", deploy("orders:1.2"),
                (step, rollout) -> {
                    if (step == ALARM_AT_STEP) {
                        String eventId = shop.fireAlarm(repository.resolve("events"), "5xx above threshold");
                        rollout.alarmFired("ALARM        %s: SetAlarmState, and its state change event on the bus (%s)"
                                .formatted(shop.alarm, eventId));
                    }
                });
        List<RolloutRun> runs = new ArrayList<>(List.of(bootstrap, healthy, alarmed));
        // A window a little shorter than the step, so that it starts once the step's weight is on the rule.
        Optional<ObjectNode> judge = route.demoJudge(JUDGED_INTERVAL_SECONDS - 2, JUDGED_INTERVAL_SECONDS - 3);
        if (judge.isPresent()) {
            runs.add(judged(gate, spec, judge.get()));
        }
        return runs;
    }

    private RolloutRun judged(WebhookGate gate, ObjectNode spec, ObjectNode judge) throws InterruptedException {
        shop.setAlarm(StateValue.OK, "v3's 5xx are gone with v3");
        spec.put("intervalSeconds", JUDGED_INTERVAL_SECONDS);
        spec.withObjectProperty("analysis").set("judge", judge);
        shop.onboard(spec, SPEC_PREFIX);
        timeline.say(("%nthe team adds a judge to its spec: the canary's response time against the primary's, per"
                + " second over the last %d s, a rise over 10%% counting (steps now %ds apart)").formatted(
                judge.path("windowSeconds").asInt(), JUDGED_INTERVAL_SECONDS));
        canarySlowdown = V4_SLOWDOWN;
        return follower(gate, "v4").follow("40% slower, no alarm", deploy("orders:1.3"), (step, rollout) -> { });
    }

    /** v1 bootstrapped, v2 promoted, v3 rolled back, and v4, where the router's traffic lets the judge run, too. */
    public static boolean wentAsExpected(List<RolloutRun> runs) {
        List<String> phases = runs.stream().map(RolloutRun::phase).toList();
        return phases.size() >= 3 && phases.subList(0, 3).equals(List.of("SUCCEEDED", "SUCCEEDED", "FAILED"))
                && phases.subList(3, phases.size()).stream().allMatch("FAILED"::equals);
    }

    /** The chart of every rollout, the bootstrap's move of the team's traffic onto the twin included. */
    public Path writeChart(List<RolloutRun> runs, Path file) {
        return WeightChart.write(file, "meshcanary demo: %s in %s".formatted(shop.app, shop.cluster), runs.stream()
                .map(RolloutRun::series).toList());
    }

    private RolloutFollower follower(WebhookGate gate, String label) {
        return new RolloutFollower(shop, route, gate, table, timeline, label);
    }

    private String deploy(String image) {
        String taskDefinition = shop.registerRevision(image);
        shop.deploy(taskDefinition);
        return taskDefinition;
    }
}
