package io.meshcanary.rollout;

import static io.meshcanary.testing.RolloutFakes.APP;
import static io.meshcanary.testing.RolloutFakes.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.model.Track;
import io.meshcanary.port.TrafficControl;
import io.meshcanary.spec.Placeholders;
import io.meshcanary.testing.SampleSpecs;
import org.junit.jupiter.api.Test;

/** The twin engine's answers to the verbs no workflow step already tells: what the rest of the house reads from it. */
class TwinTrafficTest extends WorkflowScenario {

    private final TrafficControl twin = new TwinTraffic(fakes.store(), fakes.router(), fakes.ecs(), fakes.scaling(),
            fakes.workflows(), fakes.events(), fakes.clock());

    @Test
    void currentWeightsAreReadBackFromTheRouteNotTheRecord() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);
        fakes.router().readsBack(APP, Weights.canaryAt(30));

        assertThat(fakes.store().record(SERVICE).weights()).isEqualTo(Weights.canaryAt(10));
        assertThat(twin.currentWeights(fakes.store().record(SERVICE))).isEqualTo(Weights.canaryAt(30));
    }

    @Test
    void eachTrackHasItsOwnServiceAndVirtualNodeInTheMetricPlaceholders() {
        RolloutContext context = context(EXECUTION, SampleSpecs.orders());

        assertThat(twin.placeholders(context, Track.CANARY))
                .containsEntry(Placeholders.SERVICE, "orders")
                .containsEntry(Placeholders.TRACK, "canary")
                .containsEntry(Placeholders.VIRTUAL_NODE, "orders-canary");
        assertThat(twin.placeholders(context, Track.PRIMARY))
                .containsEntry(Placeholders.SERVICE, "orders-primary")
                .containsEntry(Placeholders.TRACK, "primary")
                .containsEntry(Placeholders.VIRTUAL_NODE, "orders-primary");
    }

    @Test
    void revertDuringPromotionPutsThePrimaryBackOnItsOldRevision() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        passAllSteps(context);
        steps.promote(context);

        Reverted reverted = twin.revert(fakes.store().record(SERVICE));

        assertThat(reverted.weights()).isEqualTo(Weights.ALL_PRIMARY);
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
        assertThat(fakes.ecs().service(CLUSTER, "orders-primary").taskDefinition())
                .isEqualTo(fakes.store().record(SERVICE).primaryTaskDefinition());
        assertThat(reverted.note()).endsWith("which goes back to " + fakes.store().record(SERVICE)
                .primaryTaskDefinition());
    }
}
