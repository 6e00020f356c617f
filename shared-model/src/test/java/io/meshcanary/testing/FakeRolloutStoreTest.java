package io.meshcanary.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.meshcanary.port.ConcurrentUpdateException;
import io.meshcanary.rollout.Phase;
import io.meshcanary.rollout.Rollout;
import io.meshcanary.rollout.RolloutSummary;
import io.meshcanary.rollout.Weights;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The fake keeps the conditional-write contract of RolloutStore, which the DynamoDB adapter implements. */
class FakeRolloutStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:14:23Z");

    private final FakeRolloutStore store = new FakeRolloutStore();

    @Test
    void firstVersionIsWrittenOverNothing() {
        Rollout first = rollout("shop-orders-1");

        store.save(first);

        assertThat(store.record("shop/orders")).isEqualTo(first);
        assertThat(store.writes()).containsExactly(first);
    }

    @Test
    void endedRolloutsAreListedNewestFirstOnceEachAfterANewerRecordReplacedThem() {
        Rollout first = rollout("shop-orders-1");
        store.save(first);
        Rollout superseded = first.moveTo(Phase.SUPERSEDED, "superseded by shop-orders-2", T0.plusSeconds(5));
        store.save(superseded);
        Rollout second = rollout("shop-orders-2", T0.plusSeconds(6));
        store.save(second);
        store.save(second.moveTo(Phase.ROLLING_BACK, "p99 too high", T0.plusSeconds(9))
                .moveTo(Phase.FAILED, "p99 too high", T0.plusSeconds(9)).asNextVersionOf(second));
        Rollout third = rollout("shop-orders-3", T0.plusSeconds(20));
        store.save(third);

        assertThat(store.ended("shop/orders")).extracting(RolloutSummary::execution, RolloutSummary::phase,
                RolloutSummary::reason).containsExactly(tuple("shop-orders-2", Phase.FAILED, "p99 too high"),
                tuple("shop-orders-1", Phase.SUPERSEDED, "superseded by shop-orders-2"));
        assertThat(store.ended("shop/payments")).isEmpty();
    }

    @Test
    void firstVersionIsWrittenOverAnEndedRecordOnly() {
        Rollout active = rollout("shop-orders-1");
        store.save(active);

        assertThatThrownBy(() -> store.save(rollout("shop-orders-2")))
                .isInstanceOf(ConcurrentUpdateException.class).hasMessageContaining("version 1");

        Rollout ended = active.moveTo(Phase.SUPERSEDED, "superseded by shop-orders-2", T0);
        store.save(ended);
        Rollout next = rollout("shop-orders-2");
        store.save(next);

        assertThat(store.record("shop/orders")).isEqualTo(next);
    }

    @Test
    void laterVersionIsWrittenOnlyOverTheOneBefore() {
        Rollout first = rollout("shop-orders-1");
        store.save(first);
        Rollout second = first.withWeights(Weights.canaryAt(10), "weight 10%", T0);
        Rollout third = second.withWeights(Weights.canaryAt(20), "weight 20%", T0);

        assertThatThrownBy(() -> store.save(third)).as("skipping a version")
                .isInstanceOf(ConcurrentUpdateException.class);
        store.save(second);
        assertThatThrownBy(() -> store.save(second)).as("the same version twice")
                .isInstanceOf(ConcurrentUpdateException.class);
        store.save(third);

        assertThat(store.writes()).containsExactly(first, second, third);
    }

    @Test
    void laterVersionOverNothingIsRefused() {
        Rollout second = rollout("shop-orders-1").withWeights(Weights.canaryAt(10), "weight 10%", T0);

        assertThatThrownBy(() -> store.save(second)).isInstanceOf(ConcurrentUpdateException.class);
        assertThat(store.find("shop/orders")).isEmpty();
    }

    @Test
    void anotherWriterCanActBetweenAReadAndAWrite() {
        Rollout first = rollout("shop-orders-1");
        store.save(first);
        store.beforeNextSave(() -> store.save(first.moveTo(Phase.ABORTED, "alarm", T0)));

        assertThatThrownBy(() -> store.save(first.withWeights(Weights.canaryAt(10), "weight 10%", T0)))
                .isInstanceOf(ConcurrentUpdateException.class);
        assertThat(store.record("shop/orders").phase()).isEqualTo(Phase.ABORTED);
    }

    private static Rollout rollout(String execution) {
        return rollout(execution, T0);
    }

    private static Rollout rollout(String execution, Instant startedAt) {
        return Rollout.start("shop", "orders", "ecs-svc/1", execution, false,
                "arn:aws:ecs:us-east-1:123456789012:task-definition/orders:7",
                "arn:aws:ecs:us-east-1:123456789012:task-definition/orders:6", "{}", startedAt);
    }
}
