package io.meshcanary.aws;

import io.meshcanary.model.BoundedName;
import io.meshcanary.model.TrackedService;
import io.meshcanary.port.MeshNodes;
import io.meshcanary.spec.InstanceRegistry;
import io.meshcanary.spec.HealthCheck;
import io.meshcanary.spec.VirtualNodeTemplate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.appmesh.AppMeshClient;
import software.amazon.awssdk.services.appmesh.model.Backend;
import software.amazon.awssdk.services.appmesh.model.ConflictException;
import software.amazon.awssdk.services.appmesh.model.HealthCheckPolicy;
import software.amazon.awssdk.services.appmesh.model.Listener;
import software.amazon.awssdk.services.appmesh.model.NotFoundException;
import software.amazon.awssdk.services.appmesh.model.VirtualNodeRef;
import software.amazon.awssdk.services.appmesh.model.VirtualNodeSpec;

/** Ensures the per-track virtual nodes, discovered through Cloud Map filtered on the {@code track} attribute. */
public final class AppMeshNodes implements MeshNodes {

    /** App Mesh API reference, CreateVirtualNode: clientToken is up to 36 letters, numbers, hyphens, underscores. */
    private static final int MAX_CLIENT_TOKEN = 36;
    private final AppMeshClient appMesh;
    /** Nodes seen to exist; a node deleted later is healed by the resync, not by every event. */
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public AppMeshNodes(AppMeshClient appMesh) {
        this.appMesh = appMesh;
    }

    @Override
    public boolean ensureVirtualNode(InstanceRegistry router, TrackedService service) {
        String key = router.mesh() + "/" + service.virtualNodeName();
        if (known.contains(key)) {
            return false;
        }
        // Listing rather than describing: a missing node is then no error to tell apart from other 4xx answers. One
        // listing learns every node of the mesh, since the resync registers each app's tasks in turn.
        virtualNodes(router.mesh()).forEach(node -> known.add(router.mesh() + "/" + node));
        boolean created = !known.contains(key) && create(router, service);
        known.add(key);
        return created;
    }

    /** None when the mesh itself is gone, as it may be with the app it served. */
    @Override
    public List<String> virtualNodes(String mesh) {
        try {
            return appMesh.listVirtualNodesPaginator(request -> request.meshName(mesh)).virtualNodes().stream()
                    .map(VirtualNodeRef::virtualNodeName)
                    .toList();
        } catch (NotFoundException e) {
            return List.of();
        }
    }

    @Override
    public boolean deleteVirtualNode(String mesh, String name) {
        known.remove(mesh + "/" + name);
        try {
            appMesh.deleteVirtualNode(request -> request.meshName(mesh).virtualNodeName(name));
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** @return false when a concurrent invocation created the node first */
    private boolean create(InstanceRegistry router, TrackedService service) {
        try {
            appMesh.createVirtualNode(request -> request.meshName(router.mesh())
                    .virtualNodeName(service.virtualNodeName())
                    .clientToken(BoundedName.fit(router.mesh() + "-" + service.virtualNodeName(), MAX_CLIENT_TOKEN))
                    .spec(spec(router, service)));
            return true;
        } catch (ConflictException e) {
            return false;
        }
    }

    static VirtualNodeSpec spec(InstanceRegistry router, TrackedService service) {
        VirtualNodeTemplate node = router.virtualNode();
        Listener.Builder listener = Listener.builder()
                .portMapping(mapping -> mapping.port(node.port()).protocol(node.protocol()));
        node.healthCheck().ifPresent(check -> listener.healthCheck(healthCheck(check, node)));
        return VirtualNodeSpec.builder()
                .listeners(listener.build())
                .serviceDiscovery(discovery -> discovery.awsCloudMap(cloudMap -> cloudMap
                        .namespaceName(router.cloudMap().namespace())
                        .serviceName(router.cloudMap().service())
                        .attributes(attribute -> attribute.key(CloudMapDirectory.TRACK)
                                .value(service.track().label()))))
                .backends(node.backends().stream()
                        .map(name -> Backend.builder().virtualService(backend -> backend.virtualServiceName(name)).build())
                        .toList())
                .build();
    }

    private static HealthCheckPolicy healthCheck(HealthCheck check, VirtualNodeTemplate node) {
        HealthCheckPolicy.Builder policy = HealthCheckPolicy.builder()
                .protocol(node.protocol())
                .port(node.port())
                .intervalMillis((long) check.intervalMillis())
                .timeoutMillis((long) check.timeoutMillis())
                .healthyThreshold(check.healthyThreshold())
                .unhealthyThreshold(check.unhealthyThreshold());
        // App Mesh rejects a path on tcp and grpc health checks.
        if (node.protocol().startsWith("http")) {
            policy.path(check.path());
        }
        return policy.build();
    }
}
