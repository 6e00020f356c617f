package io.meshcanary.registry;

import io.meshcanary.model.Track;
import io.meshcanary.model.TrackedService;
import io.meshcanary.port.MeshNodes;
import io.meshcanary.port.NodeDirectory;
import io.meshcanary.spec.InstanceRegistry;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where one router finds an app's tasks: each task registered in a Cloud Map service, tagged with its track, and a
 * virtual node per track that discovers them. Only a router that reaches the tasks this way has one (see
 * {@link io.meshcanary.port.TaskRegistries}).
 */
public final class TaskRegistry {

    private final NodeDirectory directory;
    private final MeshNodes mesh;
    private final InstanceRegistry router;

    public TaskRegistry(NodeDirectory directory, MeshNodes mesh, InstanceRegistry router) {
        this.directory = directory;
        this.mesh = mesh;
        this.router = router;
    }

    /** The port the tasks serve on, which each registration names. */
    public int port() {
        return router.virtualNode().port();
    }

    public Optional<Registration> find(String instanceId) {
        return directory.find(router.cloudMap(), instanceId);
    }

    /** Creates or replaces the instance. */
    public void register(Registration registration) {
        directory.register(router.cloudMap(), registration);
    }

    /** @return false when there was no such instance */
    public boolean deregister(String instanceId) {
        return directory.deregister(router.cloudMap(), instanceId);
    }

    /** The instances meshcanary registered for the app's tracks; anything else in the Cloud Map service is not ours. */
    public List<Registration> registrationsOf(String cluster, String app) {
        Set<String> services = Set.of(new TrackedService(app, Track.PRIMARY).serviceName(),
                new TrackedService(app, Track.CANARY).serviceName());
        return directory.list(router.cloudMap()).stream()
                .filter(registration -> cluster.equals(registration.cluster())
                        && services.contains(registration.service()))
                .toList();
    }

    /**
     * Creates the track's virtual node unless it exists; an existing node is left as it is.
     *
     * @return true if the node was created
     */
    public boolean ensureVirtualNode(TrackedService service) {
        return mesh.ensureVirtualNode(router, service);
    }

    /** The app's per-track virtual nodes that exist. */
    public List<String> virtualNodesOf(String app) {
        Set<String> nodes = Set.copyOf(mesh.virtualNodes(router.mesh()));
        return Arrays.stream(Track.values())
                .map(track -> new TrackedService(app, track).virtualNodeName())
                .filter(nodes::contains)
                .toList();
    }

    public void deleteVirtualNode(String name) {
        mesh.deleteVirtualNode(router.mesh(), name);
    }

    /** The virtual node's full name, {@code mesh/node}, for messages. */
    public String describe(String node) {
        return router.mesh() + "/" + node;
    }
}
