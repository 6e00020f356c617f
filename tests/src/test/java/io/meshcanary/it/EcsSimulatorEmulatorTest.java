package io.meshcanary.it;

import static io.meshcanary.it.Emulator.AWS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshcanary.local.demo.DemoShop;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * The ECS simulator answers the calls that change a service as they pass the local proxy, well before its safety
 * pass (every 30 seconds) would find the change: a rollout's capacity waits follow the calls, not a scan.
 */
class EcsSimulatorEmulatorTest {

    /** Well short of the safety pass, and long enough for a busy machine (tests run side by side) to answer. */
    private static final Duration PROMPTLY = Duration.ofSeconds(8);
    /** The simulator's deregistration delay (10 s), and as long again for a busy machine. */
    private static final Duration DRAINED = Duration.ofSeconds(20);

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

        assertThat(runningTasks(shop, 0)).isEmpty();
        AWS.ecs.deleteService(request -> request.cluster(shop.cluster).service(shop.app));
        assertThat(status(shop)).as("no task left to drain").isEqualTo("INACTIVE");
        AWS.ecs.deleteCluster(request -> request.cluster(shop.cluster));
    }

    /**
     * A service deleted with its tasks running drains (ECS API reference, DeleteService): DRAINING until its tasks
     * have stopped, and meanwhile its name cannot be created again nor the service updated; then INACTIVE, and the
     * name is free.
     */
    @Test
    void aServiceDeletedWithRunningTasksDrainsBeforeItsNameCanBeCreatedAgain() {
        DemoShop shop = new DemoShop(UUID.randomUUID().toString().substring(0, 8));
        String v1 = shop.registerRevision("orders:1");
        shop.createService(v1);
        AWS.ecs.updateService(request -> request.cluster(shop.cluster).service(shop.app).desiredCount(2));
        runningTasks(shop, 2);

        AWS.ecs.deleteService(request -> request.cluster(shop.cluster).service(shop.app).force(true));

        assertThat(status(shop)).isEqualTo("DRAINING");
        assertThat(AWS.ecs.listServices(request -> request.cluster(shop.cluster)).serviceArns()).isEmpty();
        assertThat(AWS.ecs.listTasks(request -> request.cluster(shop.cluster).desiredStatus(DesiredStatus.RUNNING))
                .taskArns()).as("still stopping").hasSize(2);
        assertThatThrownBy(() -> shop.createService(v1)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Unable to Start a service that is still Draining.");
        assertThatThrownBy(() -> AWS.ecs.updateService(request -> request.cluster(shop.cluster).service(shop.app)
                .desiredCount(1))).isInstanceOf(EcsException.class)
                .satisfies(e -> assertThat(((EcsException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ServiceNotActiveException"));
        assertThat(status(shop)).as("refused, so nothing changed").isEqualTo("DRAINING");

        runningTasks(shop, 0, DRAINED);
        assertThat(status(shop)).isEqualTo("INACTIVE");
        shop.createService(v1);
        assertThat(status(shop)).isEqualTo("ACTIVE");
        assertThat(runningTasks(shop, 1)).hasSize(1);
        AWS.ecs.deleteService(request -> request.cluster(shop.cluster).service(shop.app).force(true));
        runningTasks(shop, 0, DRAINED);
        AWS.ecs.deleteCluster(request -> request.cluster(shop.cluster));
    }

    private static String status(DemoShop shop) {
        return AWS.ecs.describeServices(request -> request.cluster(shop.cluster).services(shop.app)).services()
                .stream().map(Service::status).findFirst().orElseThrow();
    }

    private static List<String> runningTasks(DemoShop shop, int expected) {
        return runningTasks(shop, expected, PROMPTLY);
    }

    private static List<String> runningTasks(DemoShop shop, int expected, Duration within) {
        return Eventually.until(() -> AWS.ecs.listTasks(request -> request.cluster(shop.cluster)
                        .desiredStatus(DesiredStatus.RUNNING)).taskArns(),
                tasks -> tasks.size() == expected, expected + " running tasks of " + shop.app, within);
    }
}
