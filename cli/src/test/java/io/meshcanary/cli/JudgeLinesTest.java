package io.meshcanary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.analysis.JudgeSummary;
import io.meshcanary.rollout.Phase;
import io.meshcanary.rollout.Rollout;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The judge's lines under a rollout in status and history: every figure a class rests on, or "-" where none exists. */
class JudgeLinesTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final JudgeSummary.Metric LATENCY = new JudgeSummary.Metric("latency", "default", "High", true,
            false, 30, 30, 130.25, 100.1, 1.3012, 5.170644e-7, 30.2, 25.05, 35.0);
    private static final JudgeSummary.Metric ERRORS = new JudgeSummary.Metric("errors", "default", "NoData", false,
            true, 2, 30, 0.0, 1.0, null, null, null, null, null);

    @Test
    void eachMetricShowsItsSamplesMediansRatioPValueAndInterval() {
        List<String> lines = JudgeLines.of(new JudgeSummary(0.0, "fail", false, List.of(LATENCY, ERRORS)));

        assertThat(lines).containsExactly(
                "    judge: score 0, fail",
                "      latency              High   canary 30 samples, median 130.3  baseline 30 samples, median 100.1"
                        + "  ratio 1.301  p 5.171e-07  shift 30.2 in [25.05, 35], critical",
                "      errors               NoData canary 2 samples, median 0  baseline 30 samples, median 1"
                        + "  ratio -  p -  shift - in [-, -], dry run");
    }

    @Test
    void aDryRunSaysItNeverDecidesAndNoJudgeHasNoLines() {
        assertThat(JudgeLines.of(new JudgeSummary(null, "inconclusive", true, List.of())))
                .containsExactly("    judge: score -, inconclusive (dry run: reported, never decides)");
        assertThat(JudgeLines.of(null)).isEmpty();
    }

    @Test
    void statusShowsTheLastRoundThatRanTheJudge() {
        JudgeSummary first = new JudgeSummary(100.0, "pass", false, List.of());
        JudgeSummary second = new JudgeSummary(0.0, "fail", false, List.of(LATENCY));
        Rollout rollout = Rollout.start("shop", "orders", "ecs-svc/1", "shop-orders-1", false, "orders:8", "orders:7",
                "{}", T0).withChecks(0, 0, "1 passed", first, T0).withChecks(1, 0, "1 failed (judge)", second, T0)
                .moveTo(Phase.PROGRESSING, "weight 20%", T0);

        assertThat(JudgeLines.latest(rollout)).isEqualTo(second);
    }
}
