package io.meshcanary.port;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.model.Track;
import io.meshcanary.rollout.TrackTasks;
import io.meshcanary.rollout.TwinAttachment;
import io.meshcanary.rollout.Weights;
import io.meshcanary.spec.CanarySpec;
import io.meshcanary.spec.RouterSpec;
import io.meshcanary.testing.SampleSpecs;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class NoopRouterTest {

    private final NoopRouter router = new NoopRouter();
    private final RouterSpec spec = CanarySpec.parse(SampleSpecs.orders()).router();

    @Test
    void aDryRunIsAnsweredAsAskedAndNeedsNoTwinAttachment() {
        assertThat(router.reconcile("orders", spec)).isEqualTo(TwinAttachment.NONE);
        assertThat(router.applyWeights("orders", spec, Weights.canaryAt(20))).isEqualTo(Weights.canaryAt(20));
        assertThat(router.allToPrimary("orders", spec)).isEqualTo(Weights.ALL_PRIMARY);
        assertThat(router.currentWeights("orders", spec)).isEqualTo(Weights.ALL_PRIMARY);
        assertThat(router.trackTasks("shop", "orders", spec, Track.PRIMARY))
                .isEqualTo(new TrackTasks(List.of(), OptionalInt.empty()));
    }
}
