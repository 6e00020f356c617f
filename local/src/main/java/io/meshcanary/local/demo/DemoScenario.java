package io.meshcanary.local.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.timeline.Timeline;
import java.nio.file.Path;
import java.util.List;

/**
 * The demo's story, which {@code local/bin/demo} prints and a headless test asserts: the shop is onboarded and
 * bootstrapped on v1; v2 is healthy and promoted; v3's alarm goes off mid-rollout, the alarm guard sends the route's
 * traffic back to the primary at once, and the workflow finishes the rollback at its next step. The scenario only
 * does what a team and AWS would (deploy, raise an alarm); the rollouts are the product's own code.
 */
public final class DemoScenario {

    /** Where the runtime's stack looks for canary specs (the template's default SpecParameterPrefix). */
    public static final String SPEC_PREFIX = "/meshcanary";
    /** Long enough that the alarm guard's revert visibly lands before the workflow's next step. */
    public static final int INTERVAL_SECONDS = 4;
    /** v3's alarm goes off once this step's weight is on the route: mid-rollout, with traffic on the canary. */
    public static final int ALARM_AT_STEP = 2;

    private final DemoShop shop;
    private final RouterFixture route;
    private final Path repository;
    private final String table;
    private final Timeline timeline;

    /** @param route the team's route or rule, on the router the demo runs behind */
    public DemoScenario(DemoShop shop, RouterFixture route, Path repository, String table, Timeline timeline) {
        this.shop = shop;
        this.route = route;
        this.repository = repository;
        this.table = table;
        this.timeline = timeline;
    }

    /** Runs the bootstrap and the two rollouts, one after the other, and returns how each went. */
    public List<RolloutRun> run() throws InterruptedException {
        ObjectNode spec = shop.spec(repository, INTERVAL_SECONDS);
        route.route(spec);
        try (WebhookGate gate = WebhookGate.answering("""
                {"open": true, "reason": "no change freeze"}""");
                DemoTraffic traffic = route.demoTraffic(spec, repository)) {
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
        return List.of(bootstrap, healthy, alarmed);
    }

    /** v1 bootstrapped, v2 promoted, v3 rolled back. */
    public static boolean wentAsExpected(List<RolloutRun> runs) {
        return runs.stream().map(RolloutRun::phase).toList().equals(List.of("SUCCEEDED", "SUCCEEDED", "FAILED"));
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
