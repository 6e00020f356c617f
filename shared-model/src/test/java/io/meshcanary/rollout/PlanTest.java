package io.meshcanary.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.spec.CanarySpec;
import io.meshcanary.testing.SampleSpecs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlanTest {

    /** The schema's limits: capacity and promotion timeouts of a day, and 100 weight steps. */
    private static final int LONGEST_TIMEOUT = 86_400;
    private static final int MOST_STEPS = 100;
    /** A weight step: SetWeight (Task, 5 events), the interval's Wait (2), Analyze (5), two Choices (4), a gate (5). */
    private static final int EVENTS_PER_STEP = 21;
    /** Initialize, the choices and gates before the first step, promotion, finish or rollback, with room to spare. */
    private static final int EVENTS_AROUND_THE_STEPS = 100;
    private static final int HISTORY_LIMIT = 25_000;

    @ParameterizedTest(name = "interval {0}s: capacity polled every {1}s")
    @CsvSource({"1, 1", "2, 1", "3, 1", "8, 4", "20, 10", "60, 10", "86400, 10"})
    void capacityIsPolledAtHalfTheIntervalBetweenOneAndTenSeconds(int intervalSeconds, int pollSeconds) {
        assertThat(Plan.pollSecondsFor(intervalSeconds, 900)).isEqualTo(pollSeconds);
    }

    @ParameterizedTest(name = "longest wait {0}s: capacity polled every {1}s")
    @CsvSource({"600, 1", "9000, 10", "9001, 11", "86400, 96"})
    void longWaitsArePolledLessOften(int longestWaitSeconds, int pollSeconds) {
        assertThat(Plan.pollSecondsFor(1, longestWaitSeconds)).isEqualTo(pollSeconds);
    }

    @Test
    void aSpecsOwnCapacityPollWinsOverTheIntervalsAndNoneLeavesItToTheInterval() {
        CanarySpec polled = CanarySpec.parse(SampleSpecs.ordersWith(root -> root.put("intervalSeconds", 30)
                .withObjectProperty("timeouts").put("capacityPollSeconds", 1)));
        CanarySpec unset = CanarySpec.parse(SampleSpecs.ordersWith(root -> root.put("intervalSeconds", 30)
                .withObjectProperty("timeouts").remove("capacityPollSeconds")));

        assertThat(Plan.pollSecondsFor(polled, 900)).isEqualTo(1);
        assertThat(Plan.pollSecondsFor(unset, 900)).isEqualTo(10);
    }

    @Test
    void longestAllowedRolloutStaysWellUnderTheHistoryLimit() {
        int poll = Plan.pollSecondsFor(1, LONGEST_TIMEOUT);
        // The first check comes before any wait, and each wait is followed by one more check.
        int pollsPerWait = Math.ceilDiv(LONGEST_TIMEOUT, poll) + 1;
        int events = 2 * pollsPerWait * Plan.EVENTS_PER_POLL + MOST_STEPS * EVENTS_PER_STEP
                + EVENTS_AROUND_THE_STEPS;

        assertThat(events).isLessThan(HISTORY_LIMIT * 4 / 5);
    }
}
