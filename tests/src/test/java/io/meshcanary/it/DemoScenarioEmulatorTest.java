package io.meshcanary.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.meshcanary.local.StackResources;
import io.meshcanary.local.demo.DemoScenario;
import io.meshcanary.local.demo.DemoShop;
import io.meshcanary.local.demo.RolloutRun;
import io.meshcanary.local.demo.Router;
import io.meshcanary.local.demo.RouterFixture;
import io.meshcanary.rollout.HistoryEntry;
import io.meshcanary.rollout.Rollout;
import io.meshcanary.timeline.Timeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The scenario {@code local/bin/demo} shows, run headless against the same runtime: v2 is promoted, and v3 is
 * rolled back because its alarm fires mid-rollout, with the alarm guard's revert landing before the workflow's next
 * step, behind each router {@code local/bin/demo --router} offers but its default, ALB: CI's demo step runs that one
 * as a newcomer does, and AlarmGuardEmulatorTest reverts an alarmed rollout before its next step behind every router.
 * Its timeline goes to the test's output.
 */
class DemoScenarioEmulatorTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Router.class, mode = EnumSource.Mode.EXCLUDE, names = "ALB")
    void healthyReleaseIsPromotedAndAlarmedReleaseIsRevertedBeforeItsNextStep(Router router) throws Exception {
        DemoShop shop = new DemoShop(UUID.randomUUID().toString().substring(0, 8));
        RouterFixture route = router.on(shop);
        DemoScenario scenario = new DemoScenario(shop, route, SampleEvents.repositoryRoot(),
                StackResources.ref("RolloutTable"), new Timeline(System.out, false));

        List<RolloutRun> runs = scenario.run();
        // One chart per router: the routers' scenarios run side by side.
        Path chart = scenario.writeChart(runs, Path.of("target/demo/rollouts-%s.html"
                .formatted(router.name().toLowerCase())));

        assertThat(runs).extracting(RolloutRun::label, RolloutRun::phase).containsExactly(
                tuple("v1", "SUCCEEDED"),
                tuple("v2", "SUCCEEDED"),
                tuple("v3", "FAILED"));
        assertThat(DemoScenario.wentAsExpected(runs)).isTrue();
        RolloutRun promoted = runs.get(1);
        assertThat(shop.service(shop.app + "-primary").orElseThrow().taskDefinition())
                .as("the primary runs v2").isEqualTo(promoted.taskDefinition());

        RolloutRun alarmed = runs.get(2);
        assertThat(alarmed.reason()).contains("alarm " + shop.alarm + " is in ALARM");
        assertThat(route.canaryWeight()).as("the route at 100% primary").isZero();
        assertThat(shop.service(shop.app).orElseThrow().desiredCount()).as("the canary scaled in").isZero();
        double alarm = alarmed.markedAt("alarm").orElseThrow();
        double reverted = alarmed.markedAt("reverted").orElseThrow();
        // The guard beat the workflow's next step (the phases below say so); how much sooner depends on the
        // machine's load, which ten tests at a time on two cores stretch to seconds (AlarmGuardEmulatorTest bounds
        // the fast path against a long interval).
        assertThat(reverted - alarm).as("the route reverted within the step's interval")
                .isLessThan(DemoScenario.INTERVAL_SECONDS);
        Rollout record = alarmed.record().orElseThrow();
        assertThat(record.step()).as("the workflow never took another step")
                .isEqualTo(DemoScenario.ALARM_AT_STEP);
        assertThat(phasesAfterLastStep(record)).as("the guard's ABORTED came before the workflow's rollback")
                .startsWith("ABORTED").contains("ROLLING_BACK").endsWith("FAILED");

        String html = Files.readString(chart);
        assertThat(html).contains("class=\"canary\" data-rollout=\"v2\"", "class=\"primary\" data-rollout=\"v2\"",
                "class=\"canary\" data-rollout=\"v3\"", "class=\"primary\" data-rollout=\"v3\"", ">alarm</text>",
                ">reverted</text>", ">promoted</text>", ">rolled back</text>", ">step 1</text>", ">step 3</text>",
                ">prePromotion gate</text>");
        assertThat(html).as("the bootstrap's panel").contains("class=\"canary\" data-rollout=\"v1\"",
                ">bootstrapped</text>");
    }

    /** The phases of the history entries after the last weight step, in order. */
    private static List<String> phasesAfterLastStep(Rollout record) {
        List<String> phases = new ArrayList<>();
        for (HistoryEntry entry : record.history()) {
            if (entry.note().startsWith("weight ")) {
                phases.clear();
            } else {
                phases.add(entry.phase().name());
            }
        }
        return phases;
    }
}
