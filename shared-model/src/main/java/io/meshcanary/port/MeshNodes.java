package io.meshcanary.port;

import io.meshcanary.model.TrackedService;
import io.meshcanary.spec.InstanceRegistry;
import java.util.List;

/** The mesh's per-track virtual nodes. */
public interface MeshNodes {

    /**
     * Creates the track's virtual node unless it exists; an existing node is left as it is.
     *
     * @return true if the node was created
     */
    boolean ensureVirtualNode(InstanceRegistry router, TrackedService service);

    /** The names of the mesh's virtual nodes, whoever created them. */
    List<String> virtualNodes(String mesh);

    /** @return false when there was no such node */
    boolean deleteVirtualNode(String mesh, String name);
}
