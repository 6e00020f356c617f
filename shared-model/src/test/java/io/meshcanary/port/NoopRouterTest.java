package io.meshcanary.port;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.model.Track;
import io.meshcanary.rollout.TrackTasks;
import io.meshcanary.rollout.TwinAttachment;
import io.meshcanary.rollout.Weights;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class NoopRouterTest {

    private final NoopRouter router = new NoopRouter();

    @Test
    void aDryRunIsAnsweredAsAskedAndNeedsNoTwinAttachment() {
        assertThat(router.reconcile()).isEqualTo(TwinAttachment.NONE);
        assertThat(router.applyWeights(Weights.canaryAt(20))).isEqualTo(Weights.canaryAt(20));
        assertThat(router.allToPrimary()).isEqualTo(Weights.ALL_PRIMARY);
        assertThat(router.currentWeights()).isEqualTo(Weights.ALL_PRIMARY);
        assertThat(router.trackTasks(Track.PRIMARY))
                .isEqualTo(new TrackTasks(List.of(), OptionalInt.empty()));
    }
}
