package io.meshcanary.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.registry.TaskRegistry;
import io.meshcanary.spec.AlbRouter;
import io.meshcanary.spec.AppMeshRouter;
import io.meshcanary.spec.CloudMapService;
import io.meshcanary.spec.LatticeRouter;
import io.meshcanary.spec.VirtualNodeTemplate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The factory is the one place that knows which routers reach an app's tasks through registrations. */
class RoutersTest {

    private static final String ELB = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:";

    private final Routers routers = Routers.of(new AwsClients(AdaptersWiringTest.CONFIG));

    @Test
    void appMeshFindsTheTasksInItsCloudMapServiceOnTheVirtualNodesPort() {
        AppMeshRouter mesh = new AppMeshRouter("shop", "orders", "orders", new CloudMapService("shop.local", "orders"),
                new VirtualNodeTemplate(9090, "http", Optional.empty(), List.of()));

        assertThat(routers.registry(mesh)).get().extracting(TaskRegistry::port).isEqualTo(9090);
    }

    @Test
    void aTargetGroupsTasksAreAttachedByEcsSoNoRegistryIsKept() {
        AlbRouter alb = new AlbRouter(ELB + "listener-rule/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee",
                ELB + "targetgroup/orders/73e2d6bc24d8a067");
        LatticeRouter lattice = new LatticeRouter("svc-0123456789abcdef0", "listener-0123456789abcdef0",
                "rule-0123456789abcdef0", "arn:aws:vpc-lattice:eu-west-1:123456789012:targetgroup/tg-0000000000000c0a1");

        assertThat(routers.registry(alb)).isEmpty();
        assertThat(routers.registry(lattice)).isEmpty();
    }
}
