package io.meshcanary.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlanTest {

    @ParameterizedTest(name = "interval {0}s: capacity polled every {1}s")
    @CsvSource({"1, 1", "2, 1", "3, 1", "8, 4", "20, 10", "60, 10", "86400, 10"})
    void capacityIsPolledAtHalfTheIntervalBetweenOneAndTenSeconds(int intervalSeconds, int pollSeconds) {
        assertThat(Plan.pollSecondsFor(intervalSeconds)).isEqualTo(pollSeconds);
    }
}
