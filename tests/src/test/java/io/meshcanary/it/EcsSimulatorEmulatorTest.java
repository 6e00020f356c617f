package io.meshcanary.it;

import static io.meshcanary.it.Emulator.AWS;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.local.demo.DemoShop;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;

/**
 * The ECS simulator answers the calls that change a service as they pass the local proxy, well before its safety
 * pass (every 30 seconds) would find the change: a rollout's capacity waits follow the calls, not a scan.
 */
class EcsSimulatorEmulatorTest {

    /** Well short of the safety pass, and long enough for a busy machine (tests run side by side) to answer. */
    private static final Duration PROMPTLY = Duration.ofSeconds(8);

    @Test
    void createdServiceRunsItsTasksAndScalingInStopsThemPromptly() {
        DemoShop shop = new DemoShop(UUID.randomUUID().toString().substring(0, 8));
        String v1 = shop.registerRevision("orders:1");

        shop.createService(v1);
        AWS.ecs.updateService(request -> request.cluster(shop.cluster).service(shop.app).desiredCount(3));

        assertThat(runningTasks(shop, 3)).hasSize(3);

        AWS.ecs.updateService(request -> request.cluster(shop.cluster).service(shop.app).desiredCount(1));

        assertThat(runningTasks(shop, 1)).hasSize(1);

        AWS.ecs.updateService(request -> request.cluster(shop.cluster).service(shop.app).desiredCount(0));
        AWS.ecs.deleteService(request -> request.cluster(shop.cluster).service(shop.app));

        assertThat(runningTasks(shop, 0)).isEmpty();
        AWS.ecs.deleteCluster(request -> request.cluster(shop.cluster));
    }

    private static List<String> runningTasks(DemoShop shop, int expected) {
        return Eventually.until(() -> AWS.ecs.listTasks(request -> request.cluster(shop.cluster)
                        .desiredStatus(DesiredStatus.RUNNING)).taskArns(),
                tasks -> tasks.size() == expected, expected + " running tasks of " + shop.app, PROMPTLY);
    }
}
