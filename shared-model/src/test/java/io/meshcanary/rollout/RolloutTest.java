package io.meshcanary.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The rollout record: every change is a new version with one more history entry. */
class RolloutTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:14:23Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final String TD6 = "arn:aws:ecs:us-east-1:123456789012:task-definition/orders:6";
    private static final String TD7 = "arn:aws:ecs:us-east-1:123456789012:task-definition/orders:7";

    private final Rollout started = Rollout.start("shop", "orders", "ecs-svc/1", "shop-orders-1", false, TD7, TD6,
            "{}", T0);

    @Test
    void aNewRolloutIsVersionOneWithAllTrafficOnThePrimary() {
        assertThat(started.service()).isEqualTo("shop/orders");
        assertThat(started.version()).isEqualTo(1);
        assertThat(started.phase()).isEqualTo(Phase.INITIALIZING);
        assertThat(started.weights()).isEqualTo(Weights.ALL_PRIMARY);
        assertThat(started.active()).isTrue();
        assertThat(started.history()).containsExactly(
                new HistoryEntry(T0, Phase.INITIALIZING, 0, "rollout of " + TD7));
    }

    @Test
    void everyChangeBumpsTheVersionAndAddsOneHistoryEntry() {
        Rollout progressing = started.moveTo(Phase.PROGRESSING, "traffic shifting", T1);
        Rollout stepped = progressing.withStep(1, Weights.canaryAt(10), T1);
        Rollout checked = stepped.withChecks(1, 0, "1 failed (error-rate)", T1);

        assertThat(progressing.version()).isEqualTo(2);
        assertThat(stepped.version()).isEqualTo(3);
        assertThat(checked.version()).isEqualTo(4);
        assertThat(checked.history()).hasSize(4).last()
                .isEqualTo(new HistoryEntry(T1, Phase.PROGRESSING, 10, "1 failed (error-rate)"));
        assertThat(checked.updatedAt()).isEqualTo(T1);
        assertThat(started.version()).as("the original is unchanged").isEqualTo(1);
    }

    @Test
    void severalChangesBetweenOneReadAndOneWriteAreOneVersionMore() {
        Rollout failed = started.moveTo(Phase.ROLLING_BACK, "capacity", T1)
                .withWeights(Weights.ALL_PRIMARY, "all traffic on the primary", T1)
                .moveTo(Phase.FAILED, "capacity", T1)
                .asNextVersionOf(started);

        assertThat(failed.version()).isEqualTo(2);
        assertThat(failed.phase()).isEqualTo(Phase.FAILED);
        assertThat(failed.history()).extracting(HistoryEntry::phase)
                .containsExactly(Phase.INITIALIZING, Phase.ROLLING_BACK, Phase.ROLLING_BACK, Phase.FAILED);
    }

    @Test
    void theFirstUnhappyNoteStaysTheReason() {
        Rollout failed = started.moveTo(Phase.ABORTED, "p99 latency doubled", T1)
                .moveTo(Phase.ROLLING_BACK, "AnalysisFailed: p99 latency doubled", T1)
                .moveTo(Phase.FAILED, "AnalysisFailed: p99 latency doubled", T1);

        assertThat(failed.reason()).isEqualTo("p99 latency doubled");
        assertThat(started.moveTo(Phase.PROGRESSING, "traffic shifting", T1).reason()).isNull();
    }

    @Test
    void promotionMakesTheCanarysTaskDefinitionThePrimarys() {
        Rollout promoted = started.promoted(Weights.ALL_PRIMARY, T1);

        assertThat(promoted.primaryTaskDefinition()).isEqualTo(TD7);
        assertThat(promoted.history()).last().extracting(HistoryEntry::note)
                .isEqualTo("primary runs " + TD7 + ", all traffic on the primary");
    }

    @Test
    void aMoveTheTableForbidsIsRefused() {
        Rollout succeeded = started.moveTo(Phase.SUCCEEDED, "bootstrapped", T1);

        assertThatIllegalStateException().isThrownBy(() -> succeeded.moveTo(Phase.ROLLING_BACK, "late", T1))
                .withMessage("rollout shop/orders cannot move from SUCCEEDED to ROLLING_BACK");
        assertThat(succeeded.active()).isFalse();
    }

    @Test
    void historyCannotBeChangedFromOutside() {
        assertThatThrownBy(() -> started.history().add(new HistoryEntry(T1, Phase.FAILED, 0, "forged")))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
