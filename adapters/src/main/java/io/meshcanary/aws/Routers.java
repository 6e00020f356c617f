package io.meshcanary.aws;

import io.meshcanary.model.Track;
import io.meshcanary.port.TrafficRouter;
import io.meshcanary.rollout.RouteTarget;
import io.meshcanary.rollout.TwinAttachment;
import io.meshcanary.rollout.Weights;
import io.meshcanary.spec.AlbRouter;
import io.meshcanary.spec.AppMeshRouter;
import io.meshcanary.spec.LatticeRouter;
import io.meshcanary.spec.RouterSpec;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * The router factory: passes each verb to the adapter of the spec's router type. An adapter, and the SDK client
 * behind it, is built the first time a spec needs it, so a stack that uses one provider builds one client.
 */
public final class Routers implements TrafficRouter {

    private final Supplier<TrafficRouter> appMesh;
    private final Supplier<TrafficRouter> alb;
    private final Supplier<TrafficRouter> lattice;

    Routers(Supplier<TrafficRouter> appMesh, Supplier<TrafficRouter> alb, Supplier<TrafficRouter> lattice) {
        this.appMesh = new Lazy<>(appMesh);
        this.alb = new Lazy<>(alb);
        this.lattice = new Lazy<>(lattice);
    }

    public static Routers of(AwsClients clients) {
        return new Routers(() -> new AppMeshRouterAdapter(clients.appMesh()),
                () -> new AlbRouterAdapter(clients.elasticLoadBalancing()),
                () -> new LatticeRouterAdapter(clients.vpcLattice()));
    }

    @Override
    public TwinAttachment reconcile(String app, RouterSpec router) {
        return adapter(router).reconcile(app, router);
    }

    @Override
    public Weights currentWeights(String app, RouterSpec router) {
        return adapter(router).currentWeights(app, router);
    }

    @Override
    public Weights applyWeights(String app, RouterSpec router, Weights weights) {
        return adapter(router).applyWeights(app, router, weights);
    }

    @Override
    public Weights finalize(String app, RouterSpec router) {
        return adapter(router).finalize(app, router);
    }

    @Override
    public Weights takeOver(String app, RouterSpec router, List<RouteTarget> teamTargets) {
        return adapter(router).takeOver(app, router, teamTargets);
    }

    @Override
    public OptionalInt healthyTargets(String app, RouterSpec router, Track track) {
        return adapter(router).healthyTargets(app, router, track);
    }

    @Override
    public void giveBack(String app, RouterSpec router, List<RouteTarget> teamTargets) {
        adapter(router).giveBack(app, router, teamTargets);
    }

    @Override
    public void removeTracks(String app, RouterSpec router) {
        adapter(router).removeTracks(app, router);
    }

    private TrafficRouter adapter(RouterSpec router) {
        return switch (router) {
            case AppMeshRouter mesh -> appMesh.get();
            case AlbRouter rule -> alb.get();
            case LatticeRouter rule -> lattice.get();
        };
    }
}
