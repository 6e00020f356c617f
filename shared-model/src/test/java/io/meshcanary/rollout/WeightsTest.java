package io.meshcanary.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WeightsTest {

    @ParameterizedTest(name = "primary {0}, canary {1}")
    @CsvSource({"90, 9", "100, 1", "-10, 110", "110, -10", "0, 0"})
    void weightsThatDoNotSplitAllTheTrafficAreRejected(int primary, int canary) {
        assertThatIllegalArgumentException().isThrownBy(() -> new Weights(primary, canary))
                .withMessageContaining("primary=%d canary=%d".formatted(primary, canary));
    }

    @Test
    void canaryAtGivesThePrimaryTheRest() {
        assertThat(Weights.canaryAt(10)).isEqualTo(new Weights(90, 10));
        assertThat(Weights.canaryAt(100)).isEqualTo(new Weights(0, 100));
        assertThat(Weights.canaryAt(0)).isEqualTo(Weights.ALL_PRIMARY);
    }
}
