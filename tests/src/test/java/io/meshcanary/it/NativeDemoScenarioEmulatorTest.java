package io.meshcanary.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.meshcanary.local.StackResources;
import io.meshcanary.local.demo.DemoShop;
import io.meshcanary.local.demo.NativeRun;
import io.meshcanary.local.demo.NativeScenario;
import io.meshcanary.timeline.Timeline;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The scenario {@code local/bin/demo --mode native} shows, run headless against the same runtime on both networks it
 * offers: ECS LINEAR 10% deploys v2 and v3, meshcanary answers each pause, v2 ends on the new revision with every
 * pause answered CONTINUE, and v3's failed check is answered ROLLBACK at its first hold. Its timeline goes to the
 * test's output.
 */
@Order(7) // among the longest classes: started early (junit-platform.properties)
class NativeDemoScenarioEmulatorTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(NativeScenario.Network.class)
    void ecsPromotesV2AndRollsV3BackOnMeshcanarysWord(NativeScenario.Network network) throws Exception {
        DemoShop shop = new DemoShop(UUID.randomUUID().toString().substring(0, 8));

        List<NativeRun> runs = new NativeScenario(shop, network, SampleEvents.repositoryRoot(),
                StackResources.ref("RolloutTable"), new Timeline(System.out, false)).run();

        assertThat(runs).extracting(NativeRun::label, NativeRun::phase, NativeRun::deploymentStatus).containsExactly(
                tuple("v2", "SUCCEEDED", "SUCCESSFUL"),
                tuple("v3", "FAILED", "ROLLBACK_SUCCESSFUL"));
        NativeRun promoted = runs.get(0);
        assertThat(promoted.answers()).as("a pause before each of LINEAR 10%%'s ten steps and one after the last")
                .containsExactly("0% CONTINUE", "10% CONTINUE", "20% CONTINUE", "30% CONTINUE", "40% CONTINUE",
                        "50% CONTINUE", "60% CONTINUE", "70% CONTINUE", "80% CONTINUE", "90% CONTINUE",
                        "100% CONTINUE");
        // The hold at 0% is the first answer above; the weights are sampled every 200 ms, and meshcanary answers that
        // hold at once, so whether a sample lands in it is a matter of timing (one run in a faster runtime missed it).
        assertThat(promoted.weights()).as("the weights ECS applied").endsWith(100).containsSubsequence(10, 30, 100)
                .isSorted();
        assertThat(promoted.serviceTaskDefinition()).isEqualTo(promoted.taskDefinition());
        NativeRun rolledBack = runs.get(1);
        assertThat(rolledBack.answers()).as("the check fails at the first hold, 10%")
                .containsExactly("0% CONTINUE", "10% ROLLBACK");
        assertThat(rolledBack.weights()).as("the weights ECS applied").containsSubsequence(10, 0).endsWith(0);
        assertThat(rolledBack.serviceTaskDefinition()).as("the service back on v2")
                .isEqualTo(promoted.taskDefinition());
        assertThat(NativeScenario.wentAsExpected(runs)).isTrue();
        assertThat(shop.service(shop.app + "-primary")).as("a twin").isEmpty();
    }
}
