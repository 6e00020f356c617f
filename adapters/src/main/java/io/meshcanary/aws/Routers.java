package io.meshcanary.aws;

import io.meshcanary.model.Track;
import io.meshcanary.port.TrafficRouter;
import io.meshcanary.rollout.RouteTarget;
import io.meshcanary.rollout.TrackTasks;
import io.meshcanary.rollout.TwinAttachment;
import io.meshcanary.rollout.Weights;
import io.meshcanary.spec.AlbRouter;
import io.meshcanary.spec.AppMeshRouter;
import io.meshcanary.spec.EcsDeployment;
import io.meshcanary.spec.InvalidSpecException;
import io.meshcanary.spec.LatticeRouter;
import io.meshcanary.spec.RouterSpec;
import java.util.List;
import java.util.function.Supplier;

/**
 * The router factory: passes each verb to the adapter of the spec's router type, with the spec as that adapter's own
 * type, so no adapter casts. An adapter, and the SDK client behind it, is built the first time a spec needs it, so a
 * stack that uses one provider builds one client.
 */
public final class Routers implements TrafficRouter<RouterSpec> {

    private final Supplier<TrafficRouter<AppMeshRouter>> appMesh;
    private final Supplier<TrafficRouter<AlbRouter>> alb;
    private final Supplier<TrafficRouter<LatticeRouter>> lattice;

    Routers(Supplier<TrafficRouter<AppMeshRouter>> appMesh, Supplier<TrafficRouter<AlbRouter>> alb,
            Supplier<TrafficRouter<LatticeRouter>> lattice) {
        this.appMesh = new Lazy<>(appMesh);
        this.alb = new Lazy<>(alb);
        this.lattice = new Lazy<>(lattice);
    }

    public static Routers of(AwsClients clients) {
        return new Routers(() -> new AppMeshRouterAdapter(clients.appMesh(),
                        new Lazy<>(() -> new CloudMapDirectory(clients.cloudMap()))),
                () -> new AlbRouterAdapter(clients.elasticLoadBalancing(), clients.ecs()),
                () -> new LatticeRouterAdapter(clients.vpcLattice(), clients.ecs()));
    }

    /**
     * Builds every router adapter, and so its client, for SnapStart priming: a restored environment's first rollback
     * then finds its router ready whichever provider the spec names.
     */
    void prime() {
        appMesh.get();
        alb.get();
        lattice.get();
    }

    @Override
    public TwinAttachment reconcile(String app, RouterSpec router) {
        return bound(router).reconcile(app);
    }

    @Override
    public void check(String app, RouterSpec router) {
        bound(router).check(app);
    }

    @Override
    public Weights currentWeights(String app, RouterSpec router) {
        return bound(router).currentWeights(app);
    }

    @Override
    public Weights applyWeights(String app, RouterSpec router, Weights weights) {
        return bound(router).applyWeights(app, weights);
    }

    @Override
    public Weights allToPrimary(String app, RouterSpec router) {
        return bound(router).allToPrimary(app);
    }

    @Override
    public Weights takeOver(String app, RouterSpec router, List<RouteTarget> teamTargets) {
        return bound(router).takeOver(app, teamTargets);
    }

    @Override
    public TrackTasks trackTasks(String cluster, String app, RouterSpec router, Track track) {
        return bound(router).trackTasks(cluster, app, track);
    }

    @Override
    public void giveBack(String app, RouterSpec router, List<RouteTarget> teamTargets) {
        bound(router).giveBack(app, teamTargets);
    }

    @Override
    public void removeTracks(String app, RouterSpec router) {
        bound(router).removeTracks(app);
    }

    private Bound<?> bound(RouterSpec router) {
        return switch (router) {
            case AppMeshRouter mesh -> new Bound<>(appMesh.get(), mesh);
            case AlbRouter rule -> new Bound<>(alb.get(), rule);
            case LatticeRouter rule -> new Bound<>(lattice.get(), rule);
            case EcsDeployment ecs -> throw new InvalidSpecException("mode",
                    "is native: ECS's own deployment moves this app's traffic, and meshcanary routes none of it");
        };
    }

    /** An adapter with the spec of its own type: the pair the compiler checks, so that no verb needs a cast. */
    private record Bound<S extends RouterSpec>(TrafficRouter<S> adapter, S spec) {

        TwinAttachment reconcile(String app) {
            return adapter.reconcile(app, spec);
        }

        void check(String app) {
            adapter.check(app, spec);
        }

        Weights currentWeights(String app) {
            return adapter.currentWeights(app, spec);
        }

        Weights applyWeights(String app, Weights weights) {
            return adapter.applyWeights(app, spec, weights);
        }

        Weights allToPrimary(String app) {
            return adapter.allToPrimary(app, spec);
        }

        Weights takeOver(String app, List<RouteTarget> teamTargets) {
            return adapter.takeOver(app, spec, teamTargets);
        }

        TrackTasks trackTasks(String cluster, String app, Track track) {
            return adapter.trackTasks(cluster, app, spec, track);
        }

        void giveBack(String app, List<RouteTarget> teamTargets) {
            adapter.giveBack(app, spec, teamTargets);
        }

        void removeTracks(String app) {
            adapter.removeTracks(app, spec);
        }
    }
}
