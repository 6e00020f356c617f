package io.meshcanary.port;

import io.meshcanary.model.TrackedService;
import io.meshcanary.spec.AppMeshRouter;

/** The mesh's per-track virtual nodes. */
public interface MeshNodes {

    /**
     * Creates the track's virtual node unless it exists; an existing node is left as it is.
     *
     * @return true if the node was created
     */
    boolean ensureVirtualNode(AppMeshRouter router, TrackedService service);
}
