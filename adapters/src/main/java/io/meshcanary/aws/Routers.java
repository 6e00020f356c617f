package io.meshcanary.aws;

import io.meshcanary.port.NodeDirectory;
import io.meshcanary.port.RouterFactory;
import io.meshcanary.port.TaskRegistries;
import io.meshcanary.port.TrafficRouter;
import io.meshcanary.registry.TaskRegistry;
import io.meshcanary.spec.AlbRouter;
import io.meshcanary.spec.AppMeshRouter;
import io.meshcanary.spec.EcsDeployment;
import io.meshcanary.spec.InvalidSpecException;
import io.meshcanary.spec.LatticeRouter;
import io.meshcanary.spec.RouterSpec;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The router factory, and where each router finds the app's tasks: binds the adapter of the spec's router type to the app and the spec as that adapter's own
 * type, so no adapter casts and no verb asks again. An SDK client is built the first time a spec needs it, so a stack
 * that uses one provider builds one client; what an adapter caches across calls (App Mesh's known virtual nodes,
 * Cloud Map's service ids) lives here, once per execution environment.
 */
public final class Routers implements RouterFactory, TaskRegistries {

    private final AwsClients clients;
    private final Lazy<AppMeshNodes> meshNodes;
    private final Supplier<? extends NodeDirectory> directory;

    Routers(AwsClients clients) {
        this.clients = clients;
        this.meshNodes = new Lazy<>(() -> new AppMeshNodes(clients.appMesh()));
        this.directory = new Lazy<>(() -> new CloudMapDirectory(clients.cloudMap()));
    }

    public static Routers of(AwsClients clients) {
        return new Routers(clients);
    }

    @Override
    public TrafficRouter bind(String cluster, String app, RouterSpec spec) {
        return switch (spec) {
            case AppMeshRouter mesh -> new AppMeshRouterAdapter(clients.appMesh(), meshNodes.get(), directory, app,
                    mesh);
            case AlbRouter rule -> new AlbRouterAdapter(clients.elasticLoadBalancing(), clients.ecs(), cluster, app,
                    rule);
            case LatticeRouter rule -> new LatticeRouterAdapter(clients.vpcLattice(), clients.ecs(), cluster, app,
                    rule);
            case EcsDeployment ecs -> throw new InvalidSpecException("mode",
                    "is native: ECS's own deployment moves this app's traffic, and meshcanary routes none of it");
        };
    }

    /**
     * Where each router finds the tasks, its clients built now: a function's init builds what every App Mesh task
     * event needs, so the first event does not.
     */
    TaskRegistries registries() {
        directory.get();
        meshNodes.get();
        return this;
    }

    /** App Mesh's virtual nodes discover the tasks the node registry registers in Cloud Map; ECS attaches the rest. */
    @Override
    public Optional<TaskRegistry> registry(RouterSpec spec) {
        return switch (spec) {
            case AppMeshRouter mesh -> Optional.of(new TaskRegistry(directory.get(), meshNodes.get(), mesh));
            case AlbRouter rule -> Optional.empty();
            case LatticeRouter rule -> Optional.empty();
            case EcsDeployment ecs -> Optional.empty();
        };
    }

    /**
     * Builds every router's client, for SnapStart priming: a restored environment's first rollback then finds its
     * router ready whichever provider the spec names.
     */
    void prime() {
        meshNodes.get();
        clients.elasticLoadBalancing();
        clients.vpcLattice();
        clients.ecs();
    }
}
