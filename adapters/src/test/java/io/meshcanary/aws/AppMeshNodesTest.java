package io.meshcanary.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.model.Track;
import io.meshcanary.model.TrackedService;
import io.meshcanary.registry.Endpoint;
import io.meshcanary.registry.Registration;
import io.meshcanary.spec.AppMeshRouter;
import io.meshcanary.spec.CloudMapService;
import io.meshcanary.spec.HealthCheck;
import io.meshcanary.spec.VirtualNodeTemplate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.appmesh.model.AwsCloudMapInstanceAttribute;
import software.amazon.awssdk.services.appmesh.model.AwsCloudMapServiceDiscovery;
import software.amazon.awssdk.services.appmesh.model.HealthCheckPolicy;
import software.amazon.awssdk.services.appmesh.model.Listener;
import software.amazon.awssdk.services.appmesh.model.VirtualNodeSpec;

class AppMeshNodesTest {

    private static final HealthCheck HEALTH = new HealthCheck("/health", 5_000, 2_000, 2, 3);
    private static final TrackedService CANARY = new TrackedService("orders", Track.CANARY);
    private static final TrackedService PRIMARY = new TrackedService("orders", Track.PRIMARY);

    /** The resync registers each app's tasks in turn: the mesh is listed once, not once per app's node. */
    @Test
    void oneListingOfTheMeshFindsEveryAppsExistingNodes() {
        AppMeshRouter router = router(new VirtualNodeTemplate(8080, "http", Optional.empty(), List.of()));
        FakeAppMesh mesh = new FakeAppMesh("shop");
        List<TrackedService> services = List.of(PRIMARY, CANARY, new TrackedService("payments", Track.PRIMARY),
                new TrackedService("payments", Track.CANARY));
        services.forEach(service -> mesh.virtualNode(service.virtualNodeName(), AppMeshNodes.spec(router, service)));
        AppMeshNodes nodes = new AppMeshNodes(mesh);

        List<Boolean> created = services.stream().map(service -> nodes.ensureVirtualNode(router, service)).toList();

        assertThat(created).containsOnly(false);
        assertThat(mesh.calls()).containsExactly("ListVirtualNodes");
    }

    @Test
    void aNodeTheMeshLacksIsCreatedOnce() {
        AppMeshRouter router = router(new VirtualNodeTemplate(8080, "http", Optional.empty(), List.of()));
        FakeAppMesh mesh = new FakeAppMesh("shop");
        AppMeshNodes nodes = new AppMeshNodes(mesh);

        assertThat(nodes.ensureVirtualNode(router, CANARY)).isTrue();
        assertThat(nodes.ensureVirtualNode(router, CANARY)).isFalse();
        assertThat(mesh.virtualNodes()).containsExactly(CANARY.virtualNodeName());
        assertThat(mesh.calls()).containsExactly("ListVirtualNodes", "CreateVirtualNode");
    }

    @Test
    void eachTrackNodeDiscoversTheAppsCloudMapServiceFilteredOnItsTrack() {
        AppMeshRouter router = router(new VirtualNodeTemplate(8080, "http", Optional.of(HEALTH), List.of()));

        AwsCloudMapServiceDiscovery canary = AppMeshNodes.spec(router, CANARY).serviceDiscovery().awsCloudMap();
        AwsCloudMapServiceDiscovery primary = AppMeshNodes.spec(router, PRIMARY).serviceDiscovery().awsCloudMap();

        assertThat(canary.namespaceName()).isEqualTo("shop.local");
        assertThat(canary.serviceName()).isEqualTo("orders");
        assertThat(filter(canary)).isEqualTo(Map.of("track", "canary"));
        assertThat(filter(primary)).isEqualTo(Map.of("track", "primary"));
    }

    @Test
    void canaryNodeSelectsCanaryRegistrationsAndNotPrimaryOnes() {
        AppMeshRouter router = router(new VirtualNodeTemplate(8080, "http", Optional.empty(), List.of()));
        Map<String, String> canaryFilter = filter(AppMeshNodes.spec(router, CANARY).serviceDiscovery().awsCloudMap());

        Map<String, String> canaryInstance = CloudMapDirectory.attributes(registration(Track.CANARY));
        Map<String, String> primaryInstance = CloudMapDirectory.attributes(registration(Track.PRIMARY));

        assertThat(canaryInstance).containsAllEntriesOf(canaryFilter);
        assertThat(primaryInstance.entrySet()).doesNotContainAnyElementsOf(canaryFilter.entrySet());
    }

    @Test
    void httpListenerTakesPortProtocolAndHealthCheckFromTheSpec() {
        VirtualNodeSpec spec = AppMeshNodes.spec(router(new VirtualNodeTemplate(8080, "http", Optional.of(HEALTH),
                List.of())), CANARY);

        Listener listener = spec.listeners().getFirst();
        assertThat(listener.portMapping().port()).isEqualTo(8080);
        assertThat(listener.portMapping().protocolAsString()).isEqualTo("http");
        assertThat(listener.healthCheck()).isEqualTo(HealthCheckPolicy.builder()
                .protocol("http").port(8080).path("/health")
                .intervalMillis(5_000L).timeoutMillis(2_000L).healthyThreshold(2).unhealthyThreshold(3)
                .build());
    }

    @Test
    void tcpAndGrpcHealthChecksCarryNoPathBecauseAppMeshRejectsOne() {
        for (String protocol : List.of("tcp", "grpc")) {
            VirtualNodeSpec spec = AppMeshNodes.spec(router(new VirtualNodeTemplate(9000, protocol, Optional.of(HEALTH),
                    List.of())), CANARY);

            HealthCheckPolicy check = spec.listeners().getFirst().healthCheck();
            assertThat(check.protocolAsString()).as(protocol).isEqualTo(protocol);
            assertThat(check.path()).as(protocol).isNull();
        }
    }

    @Test
    void http2HealthCheckKeepsItsPath() {
        VirtualNodeSpec spec = AppMeshNodes.spec(router(new VirtualNodeTemplate(8080, "http2", Optional.of(HEALTH),
                List.of())), CANARY);

        assertThat(spec.listeners().getFirst().healthCheck().path()).isEqualTo("/health");
    }

    @Test
    void nodeWithoutHealthCheckInTheSpecGetsNone() {
        VirtualNodeSpec spec = AppMeshNodes.spec(router(new VirtualNodeTemplate(8080, "http", Optional.empty(),
                List.of())), CANARY);

        assertThat(spec.listeners()).singleElement().extracting(Listener::healthCheck).isNull();
    }

    @Test
    void backendsBecomeVirtualServiceBackendsInOrder() {
        VirtualNodeSpec spec = AppMeshNodes.spec(router(new VirtualNodeTemplate(8080, "http", Optional.empty(),
                List.of("payments.shop.local", "stock.shop.local"))), PRIMARY);

        assertThat(spec.backends()).extracting(backend -> backend.virtualService().virtualServiceName())
                .containsExactly("payments.shop.local", "stock.shop.local");
    }

    private static AppMeshRouter router(VirtualNodeTemplate node) {
        return new AppMeshRouter("shop", "orders", "orders", new CloudMapService("shop.local", "orders"), node);
    }

    private static Map<String, String> filter(AwsCloudMapServiceDiscovery discovery) {
        return discovery.attributes().stream().collect(Collectors.toMap(AwsCloudMapInstanceAttribute::key,
                AwsCloudMapInstanceAttribute::value));
    }

    private static Registration registration(Track track) {
        return new Registration("task-1", new Endpoint("10.0.1.23", 8080), track, "7", "shop",
                track == Track.PRIMARY ? "orders-primary" : "orders", "orders");
    }
}
