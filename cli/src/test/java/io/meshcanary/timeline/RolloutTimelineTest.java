package io.meshcanary.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.rollout.Phase;
import io.meshcanary.rollout.Rollout;
import io.meshcanary.rollout.Weights;
import io.meshcanary.testing.SampleFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RolloutTimelineTest {

    private static final Instant STARTED = Instant.now().minusSeconds(60);
    /** The weights column of a transition that moved no traffic. */
    private static final String NO_WEIGHTS = " ".repeat(RolloutTimeline.weights(0).length());

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void aRolloutJoinedLateShowsEachTransitionAtTheTimeItHappened() {
        Rollout record = waitingAtTheGate();

        new RolloutTimeline(new Timeline(out, false, STARTED), "").show(record, record.weights(),
                RolloutTimeline.StepHook.NONE);

        assertThat(text()).contains(
                "     0.0s      INITIALIZING",
                "     3.3s      PROGRESSING  step 1/3  primary  90% | canary  10%",
                "    13.5s      PROGRESSING  step 2/3  primary  80% | canary  20%",
                "    23.6s      PROGRESSING  step 3/3  primary  50% | canary  50%",
                "    34.0s      PROGRESSING  step 3/3  " + NO_WEIGHTS + "  waiting for approval");
    }

    @Test
    void aRolloutWaitingAtTheManualGateSaysWhatAnswersIt() {
        Rollout record = waitingAtTheGate();

        new RolloutTimeline(new Timeline(out, true, STARTED), "").show(record, record.weights(),
                RolloutTimeline.StepHook.NONE);

        assertThat(text()).contains("at a manual gate: run meshcanary approve shop/orders, or abort (route: primary"
                + "  50% | canary  50%)")
                .doesNotContain("before the analysis of step 3/3");
    }

    @Test
    void aStepWaitCountsFromTheStepsOwnTime() {
        Instant now = Instant.now();
        Rollout record = start(now.minusSeconds(30)).moveTo(Phase.PROGRESSING, "traffic shifting",
                now.minusSeconds(20)).withStep(1, Weights.canaryAt(10), now.minusSeconds(20));

        new RolloutTimeline(new Timeline(out, true, now.minusSeconds(30)), "").show(record, record.weights(),
                RolloutTimeline.StepHook.NONE);

        // The step was applied 20 s before the watch joined: its wait is a third over, not just begun.
        assertThat(text()).containsPattern("waiting 2[01]s/60s before the analysis of step 1/3");
    }

    @Test
    void aBootstrapShowsTheTeamsTargetServingUntilTheTwinDoes() {
        Rollout record = Rollout.start("shop", "orders", "ecs-svc/1", "execution-1", true, "orders:1", null,
                SampleFiles.read(SampleFiles.ORDERS_SPEC), STARTED);

        new RolloutTimeline(new Timeline(out, true, STARTED), "v1").show(record, Weights.canaryAt(100),
                RolloutTimeline.StepHook.NONE);

        assertThat(text()).contains("INITIALIZING", "bootstrap of orders:1",
                "waiting for the twin's tasks to serve (route: team's target 100% | twin   0%)")
                .doesNotContain("primary 100% | canary   0%", "primary   0% | canary 100%");
    }

    @Test
    void anAbortShowsTheWeightsWhereTheyMovedNotWhereTheRecordLaggedBehindTheRevert() {
        Instant alarm = STARTED.plusMillis(28_500);
        Rollout record = start(STARTED).moveTo(Phase.PROGRESSING, "traffic shifting", STARTED.plusMillis(3_300))
                .withStep(1, Weights.canaryAt(10), STARTED.plusMillis(3_300))
                .withStep(2, Weights.canaryAt(20), STARTED.plusMillis(13_500))
                .moveTo(Phase.ABORTED, "alarm orders-5xx is in ALARM", alarm)
                .withWeights(Weights.ALL_PRIMARY, "all traffic on the primary", alarm);

        new RolloutTimeline(new Timeline(out, false, STARTED), "v3").show(record, Weights.ALL_PRIMARY,
                RolloutTimeline.StepHook.NONE);

        assertThat(text()).doesNotContain("ABORTED      step 2/3  primary  80% | canary  20%")
                .contains("ABORTED      step 2/3  " + NO_WEIGHTS + "  alarm orders-5xx is in ALARM",
                        "ABORTED      step 2/3  primary 100% | canary   0%  all traffic on the primary");
    }

    private static Rollout start(Instant at) {
        return Rollout.start("shop", "orders", "ecs-svc/1", "execution-1", false, "orders:3", "orders:2",
                SampleFiles.read(SampleFiles.ORDERS_SPEC), at);
    }

    private static Rollout waitingAtTheGate() {
        return start(STARTED).moveTo(Phase.PROGRESSING, "traffic shifting", STARTED.plusMillis(3_300))
                .withStep(1, Weights.canaryAt(10), STARTED.plusMillis(3_300))
                .withChecks(0, 0, "3 passed; failed checks 0 of 2: go on", STARTED.plusMillis(13_500))
                .withStep(2, Weights.canaryAt(20), STARTED.plusMillis(13_500))
                .withChecks(0, 0, "3 passed; failed checks 0 of 2: go on", STARTED.plusMillis(23_600))
                .withStep(3, Weights.canaryAt(50), STARTED.plusMillis(23_600))
                .withChecks(0, 0, "3 passed; failed checks 0 of 2: go on", STARTED.plusMillis(34_000))
                .withApprovalToken("token-1", "waiting for approval at the prePromotion gate",
                        STARTED.plusMillis(34_000));
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
