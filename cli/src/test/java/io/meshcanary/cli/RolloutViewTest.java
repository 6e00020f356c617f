package io.meshcanary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.analysis.CheckResult;
import io.meshcanary.cli.RolloutView.Reads;
import io.meshcanary.cli.RolloutView.TrackState;
import io.meshcanary.rollout.Phase;
import io.meshcanary.rollout.Rollout;
import io.meshcanary.rollout.Weights;
import io.meshcanary.testing.SampleFiles;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The view status APP prints and watch APP redraws, rendered from a record and the reads beside it. */
class RolloutViewTest {

    private static final Instant STARTED = Instant.parse("2026-12-07T12:00:00Z");
    private static final Reads AT_TWENTY = new Reads(Weights.canaryAt(20), null, List.of(
            new TrackState("primary", "arn:aws:ecs:eu-west-1:123456789012:task-definition/orders:2", 2, 2,
                    OptionalInt.of(2)),
            new TrackState("canary", "arn:aws:ecs:eu-west-1:123456789012:task-definition/orders:3", 1, 1,
                    OptionalInt.empty())));

    @Test
    void aRolloutAtItsSecondStepMarksItAndShowsTheTracksAndTheChecksAgainstTheirLimits() {
        Rollout record = start().moveTo(Phase.PROGRESSING, "traffic shifting", STARTED.plusSeconds(3))
                .withStep(1, Weights.canaryAt(10), STARTED.plusSeconds(3))
                .withChecks(0, 0, "2 passed; failed checks 0 of 2: go on", null, List.of(
                        CheckResult.pass("orders-5xx", "alarm is OK"),
                        CheckResult.pass("error-rate", "mean 0.2 of 5 samples is within max 1")),
                        STARTED.plusSeconds(63))
                .withStep(2, Weights.canaryAt(20), STARTED.plusSeconds(64));

        List<String> view = RolloutView.render(record, AT_TWENTY, STARTED.plusSeconds(100));

        assertThat(view).contains(
                "shop/orders  PROGRESSING  rollout of orders:3, execution execution-1",
                "  [x] step 1/3  canary  10%  applied 12:00:03",
                "  [>] step 2/3  canary  20%  applied 12:01:04  <- now",
                "  [ ] step 3/3  canary  50%",
                "  [ ] promote",
                "  primary   orders:2                       2       2       2   80%",
                "  canary    orders:3                       1       1       -   20%",
                "  PASS         error-rate             mean 0.2 of 5 samples is within max 1",
                "next   analysis of step 2/3 at 12:02:04 (in 24s)");
        assertThat(view).anyMatch(line -> line.startsWith("  started 2026-12-07 12:00:00 UTC (1m40s ago)"));
    }

    @Test
    void aTrackTheWeightsDoNotNameShowsItsTasksWithoutAWeight() {
        Rollout record = start().moveTo(Phase.PROGRESSING, "traffic shifting", STARTED.plusSeconds(3))
                .withStep(1, Weights.canaryAt(10), STARTED.plusSeconds(3));
        Reads withBaseline = new Reads(Weights.canaryAt(10), null, List.of(
                new TrackState("baseline", "arn:aws:ecs:eu-west-1:123456789012:task-definition/orders:2", 1, 1,
                        OptionalInt.of(1))));

        assertThat(RolloutView.render(record, withBaseline, STARTED.plusSeconds(5)))
                .contains("  baseline  orders:2                       1       1       1  -");
    }

    @Test
    void aRolloutAtAManualGateSaysWhichVerbAnswersIt() {
        Rollout record = start().moveTo(Phase.PROGRESSING, "traffic shifting", STARTED.plusSeconds(3))
                .withStep(1, Weights.canaryAt(10), STARTED.plusSeconds(3))
                .withChecks(0, 0, "2 passed; failed checks 0 of 2: go on", null, List.of(
                        CheckResult.fail("error-rate", "mean 1.7 of 5 samples is above max 1")),
                        STARTED.plusSeconds(63))
                .withApprovalToken("token-1", "waiting for approval at the preStep gate", STARTED.plusSeconds(63));

        List<String> view = RolloutView.render(record, AT_TWENTY, STARTED.plusSeconds(70));

        assertThat(view).contains(
                "gate   waiting for an operator: meshcanary approve orders passes it, meshcanary abort orders rolls"
                        + " back",
                "next   nothing until the gate is answered",
                "  FAIL         error-rate             mean 1.7 of 5 samples is above max 1");
    }

    @Test
    void anEndedRolloutSaysHowAndWhy() {
        Rollout record = start().moveTo(Phase.PROGRESSING, "traffic shifting", STARTED.plusSeconds(3))
                .withStep(1, Weights.canaryAt(10), STARTED.plusSeconds(3))
                .moveTo(Phase.ABORTED, "aborted by an operator: practice", STARTED.plusSeconds(9))
                .moveTo(Phase.ROLLING_BACK, "aborted by an operator: practice", STARTED.plusSeconds(12))
                .moveTo(Phase.FAILED, "aborted by an operator: practice", STARTED.plusSeconds(12));

        List<String> view = RolloutView.render(record, new Reads(null, "route orders: not found", List.of()),
                STARTED.plusSeconds(20));

        assertThat(view).contains("  [x] step 1/3  canary  10%  applied 12:00:03", "  router: route orders: not found",
                "next   nothing: ended FAILED at 12:00:12: aborted by an operator: practice");
        assertThat(view).noneMatch(line -> line.contains("<- now"));
    }

    private static Rollout start() {
        return Rollout.start("shop", "orders", "ecs-svc/1", "execution-1", false,
                "arn:aws:ecs:eu-west-1:123456789012:task-definition/orders:3",
                "arn:aws:ecs:eu-west-1:123456789012:task-definition/orders:2",
                SampleFiles.read(SampleFiles.ORDERS_SPEC), STARTED);
    }
}
