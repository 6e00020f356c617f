package io.meshcanary.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProviderWeightsTest {

    @Test
    void everyPercentLandsOnTheExactRatioWithinTheProvidersRangeAndReadsBackUnchanged() {
        IntStream.rangeClosed(0, 100).forEach(canary -> {
            ProviderWeights scaled = ProviderWeights.of(Weights.canaryAt(canary));

            assertThat(scaled.primary()).isBetween(0, ProviderWeights.MAX);
            assertThat(scaled.canary()).isBetween(0, ProviderWeights.MAX);
            assertThat(scaled.canary() * (100 - canary)).as("canary %d%%: exactly %d:%d", canary, canary, 100 - canary)
                    .isEqualTo(scaled.primary() * canary);
            assertThat(scaled.percent()).isEqualTo(Weights.canaryAt(canary));
        });
    }

    @Test
    void onePercentCanaryIsNineAgainstEightHundredNinetyOne() {
        assertThat(ProviderWeights.of(Weights.canaryAt(1))).isEqualTo(new ProviderWeights(891, 9));
    }

    @Test
    void weightsSetByHandReadAsTheNearestPercent() {
        assertThat(new ProviderWeights(3, 1).percent()).isEqualTo(Weights.canaryAt(25));
        assertThat(new ProviderWeights(999, 1).percent()).isEqualTo(Weights.canaryAt(0));
        assertThat(new ProviderWeights(0, 5).percent()).isEqualTo(Weights.canaryAt(100));
    }

    @Test
    void tracksWithoutWeightHaveNoShare() {
        assertThat(new ProviderWeights(0, 0).none()).isTrue();
        assertThatThrownBy(() -> new ProviderWeights(0, 0).percent()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTrackWithoutATargetReadsAsNothing() {
        assertThat(ProviderWeights.readBack(-1, 9)).contains(Weights.canaryAt(100));
        assertThat(ProviderWeights.readBack(90, -1)).contains(Weights.ALL_PRIMARY);
        assertThat(ProviderWeights.readBack(891, 9)).contains(Weights.canaryAt(1));
        assertThat(ProviderWeights.readBack(-1, -1)).isEmpty();
        assertThat(ProviderWeights.readBack(0, 0)).isEmpty();
    }

    @Test
    void weightsOutsideTheProvidersRangeAreRejected() {
        assertThatThrownBy(() -> new ProviderWeights(1000, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProviderWeights(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
