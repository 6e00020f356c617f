package io.meshcanary.testing;

import io.meshcanary.port.TaskRegistries;
import io.meshcanary.registry.TaskRegistry;
import io.meshcanary.spec.AppMeshRouter;
import io.meshcanary.spec.RouterSpec;
import java.util.Optional;

/** Where a router finds the tasks, as the router factory answers it: App Mesh's in the fake Cloud Map and mesh. */
public record FakeRegistries(FakeDirectory directory, FakeMesh mesh) implements TaskRegistries {

    @Override
    public Optional<TaskRegistry> registry(RouterSpec router) {
        return router instanceof AppMeshRouter appMesh
                ? Optional.of(new TaskRegistry(directory, mesh, appMesh))
                : Optional.empty();
    }
}
