package io.meshcanary.testing;

import io.meshcanary.model.TrackedService;
import io.meshcanary.port.MeshNodes;
import io.meshcanary.spec.InstanceRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** App Mesh in memory. Records each virtual node it creates as {@code mesh/node}, in creation order. */
public final class FakeMesh implements MeshNodes {

    private final Set<String> nodes = new HashSet<>();
    private final List<String> created = new ArrayList<>();

    /** A node that exists before the test acts, for example one the user created by hand. */
    public FakeMesh given(String mesh, String virtualNode) {
        nodes.add(mesh + "/" + virtualNode);
        return this;
    }

    @Override
    public boolean ensureVirtualNode(InstanceRegistry router, TrackedService service) {
        String node = router.mesh() + "/" + service.virtualNodeName();
        if (!nodes.add(node)) {
            return false;
        }
        created.add(node);
        return true;
    }

    @Override
    public List<String> virtualNodes(String mesh) {
        return nodes.stream().filter(node -> node.startsWith(mesh + "/"))
                .map(node -> node.substring(mesh.length() + 1)).sorted().toList();
    }

    @Override
    public boolean deleteVirtualNode(String mesh, String name) {
        return nodes.remove(mesh + "/" + name);
    }

    /** Every node of every mesh, as {@code mesh/node}. */
    public Set<String> nodes() {
        return Set.copyOf(nodes);
    }

    public List<String> created() {
        return List.copyOf(created);
    }
}
