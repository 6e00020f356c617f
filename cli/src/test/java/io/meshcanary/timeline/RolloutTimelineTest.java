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
                "    34.0s      PROGRESSING  step 3/3  primary  50% | canary  50%  waiting for approval");
    }

    @Test
    void aRolloutWaitingAtTheManualGateSaysWhatAnswersIt() {
        Rollout record = waitingAtTheGate();

        new RolloutTimeline(new Timeline(out, true, STARTED), "").show(record, record.weights(),
                RolloutTimeline.StepHook.NONE);

        assertThat(text()).contains("waiting for approval at a manual gate: meshcanary approve shop/orders, or"
                + " meshcanary abort shop/orders (route: primary  50% | canary  50%)")
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
