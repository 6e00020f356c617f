package io.meshcanary.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.model.Track;
import io.meshcanary.spec.AppMeshRouter;
import io.meshcanary.spec.CanarySpec;
import io.meshcanary.spec.CloudMapService;
import io.meshcanary.testing.FakeDirectory;
import io.meshcanary.testing.FakeMesh;
import io.meshcanary.testing.SampleFiles;
import org.junit.jupiter.api.Test;

/** What of a Cloud Map service and a mesh is one app's, as the node registry and the resync see it. */
class TaskRegistryTest {

    private static final AppMeshRouter ORDERS = (AppMeshRouter) CanarySpec.parse(
            SampleFiles.read(SampleFiles.ORDERS_SPEC)).router();
    private static final CloudMapService CLOUD_MAP = ORDERS.cloudMap();

    private final FakeDirectory directory = new FakeDirectory();
    private final FakeMesh mesh = new FakeMesh();
    private final TaskRegistry registry = new TaskRegistry(directory, mesh, ORDERS);

    @Test
    void theAppsRegistrationsAreItsTracksInItsClusterAlone() {
        directory.given(CLOUD_MAP, registration("t-1", "shop", "orders", Track.CANARY))
                .given(CLOUD_MAP, registration("t-2", "shop", "orders-primary", Track.PRIMARY))
                .given(CLOUD_MAP, registration("t-3", "other-cluster", "orders", Track.CANARY))
                .given(CLOUD_MAP, registration("t-4", "shop", "orders-batch", Track.CANARY))
                .given(CLOUD_MAP, registration("t-5", "shop", "payments", Track.CANARY));

        assertThat(registry.registrationsOf("shop", "orders")).extracting(Registration::instanceId)
                .containsExactlyInAnyOrder("t-1", "t-2");
    }

    @Test
    void theAppsVirtualNodesAreItsTracksNodesThatExist() {
        String meshName = ORDERS.mesh();
        mesh.given(meshName, "orders-canary").given(meshName, "payments-primary").given(meshName, "orders-batch");

        assertThat(registry.virtualNodesOf("orders")).containsExactly("orders-canary");
        registry.deleteVirtualNode("orders-canary");
        assertThat(mesh.nodes()).doesNotContain(meshName + "/orders-canary");
        assertThat(registry.virtualNodesOf("orders")).isEmpty();
    }

    private static Registration registration(String id, String cluster, String service, Track track) {
        return new Registration(id, new Endpoint("10.0.1.7", 8080), track, "7", cluster, service, "orders");
    }
}
