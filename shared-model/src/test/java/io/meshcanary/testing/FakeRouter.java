package io.meshcanary.testing;

import io.meshcanary.model.Track;
import io.meshcanary.model.TrackedService;
import io.meshcanary.port.RouterFactory;
import io.meshcanary.port.TrafficRouter;
import io.meshcanary.registry.Registration;
import io.meshcanary.rollout.RouteTarget;
import io.meshcanary.rollout.TrackTasks;
import io.meshcanary.rollout.TwinAttachment;
import io.meshcanary.rollout.Weights;
import io.meshcanary.spec.AppMeshRouter;
import io.meshcanary.spec.RouterSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * One route per app, in memory. Records every reconcile and every applyWeights call (allToPrimary included), and can be
 * told to read back other weights than those applied, as a route edited behind meshcanary's back would. Each router it
 * binds is a view of the same routes.
 */
public final class FakeRouter implements RouterFactory {

    private final Map<String, Weights> routes = new HashMap<>();
    private final Map<String, Weights> drift = new HashMap<>();
    private final Map<String, List<Weights>> applied = new HashMap<>();
    private final List<String> reconciled = new ArrayList<>();
    private int adoptions;
    private final Map<String, List<RouteTarget>> teamTargets = new HashMap<>();
    private final Map<String, List<RouteTarget>> takenOver = new HashMap<>();
    private final List<String> removed = new ArrayList<>();
    private final Map<String, Integer> healthy = new HashMap<>();
    private Runnable beforeNextApply;
    private final FakeDirectory directory;
    private final FakeEcsServices ecs;

    /** Counts a track's tasks in {@code directory} behind App Mesh, in {@code ecs} behind a target group. */
    public FakeRouter(FakeDirectory directory, FakeEcsServices ecs) {
        this.directory = directory;
        this.ecs = ecs;
    }

    @Override
    public TrafficRouter bind(String cluster, String app, RouterSpec spec) {
        return new Route(cluster, app, spec);
    }

    /** A route that exists before the test acts, with these weights. */
    public FakeRouter given(String app, Weights weights) {
        routes.put(app, weights);
        return this;
    }

    /** Another writer acts once, just before the next weights are applied: after a step's read, before its write. */
    public FakeRouter beforeNextApply(Runnable otherWriter) {
        this.beforeNextApply = otherWriter;
        return this;
    }

    /** From now on the app's route reads back {@code weights}, whatever is applied to it. */
    public FakeRouter readsBack(String app, Weights weights) {
        drift.put(app, weights);
        routes.put(app, weights);
        return this;
    }

    /** The app's route, before adoption, sends traffic to the team's own {@code targets}. */
    public FakeRouter givenTeamTargets(String app, RouteTarget... targets) {
        teamTargets.put(app, List.of(targets));
        return this;
    }

    /** The track's target group, as a load balancer sees it, has {@code count} healthy targets. */
    public FakeRouter healthy(String app, Track track, int count) {
        healthy.put(app + "/" + track.label(), count);
        return this;
    }

    /** Counted as the adapters count: behind App Mesh the registrations in Cloud Map, elsewhere what ECS runs. */
    private TrackTasks trackTasks(String cluster, String app, RouterSpec router, Track track) {
        String service = new TrackedService(app, track).serviceName();
        List<String> revisions = router instanceof AppMeshRouter mesh
                ? directory.list(mesh.cloudMap()).stream()
                        .filter(registration -> registration.track() == track)
                        .filter(registration -> registration.service().equals(service))
                        .map(Registration::revision)
                        .toList()
                : ecs.runningRevisions(cluster, service);
        Integer count = healthy.get(app + "/" + track.label());
        return new TrackTasks(revisions, count == null ? OptionalInt.empty() : OptionalInt.of(count));
    }

    private TwinAttachment reconcile(String app, RouterSpec router) {
        reconciled.add(app);
        if (routes.putIfAbsent(app, Weights.ALL_PRIMARY) == null) {
            adoptions++;
        }
        return router.canaryTargetGroup()
                .<TwinAttachment>map(canary -> new TwinAttachment.LoadBalancer(canary, canary + "-primary"))
                .orElse(TwinAttachment.meshRoute(teamTargets.getOrDefault(app, List.of())));
    }

    /** The team's targets leave the route; all the tracks' traffic goes to the primary. */
    private Weights takeOver(String app, List<RouteTarget> team) {
        takenOver.put(app, List.copyOf(team));
        teamTargets.remove(app);
        return applyWeights(app, Weights.ALL_PRIMARY);
    }

    /** The tracks leave the route; the team's targets are back. */
    private void giveBack(String app, List<RouteTarget> team) {
        teamTargets.put(app, List.copyOf(team));
        routes.remove(app);
    }

    private void removeTracks(String app) {
        removed.add(app);
    }

    /** Whether what reconcile made around the app's route was removed. */
    public boolean tracksRemoved(String app) {
        return removed.contains(app);
    }

    /** The team's targets on the app's route now, as given or given back. */
    public List<RouteTarget> teamTargets(String app) {
        return teamTargets.getOrDefault(app, List.of());
    }

    /** The team's targets the primary took the traffic of, if it did. */
    public List<RouteTarget> takenOver(String app) {
        return takenOver.getOrDefault(app, List.of());
    }

    private Weights currentWeights(String app) {
        return route(app);
    }

    private Weights applyWeights(String app, Weights weights) {
        if (beforeNextApply != null) {
            Runnable otherWriter = beforeNextApply;
            beforeNextApply = null;
            otherWriter.run();
        }
        route(app);
        applied.computeIfAbsent(app, any -> new ArrayList<>()).add(weights);
        routes.put(app, drift.getOrDefault(app, weights));
        return routes.get(app);
    }

    /** The weights the app's route applies now. */
    public Weights weights(String app) {
        return route(app);
    }

    /** The weights asked for, in order, allToPrimary included. */
    public List<Weights> applied(String app) {
        return List.copyOf(applied.getOrDefault(app, List.of()));
    }

    /** The canary weights asked for, in order: the shortest way to read a rollout's traffic story. */
    public List<Integer> canaryWeightsApplied(String app) {
        return applied(app).stream().map(Weights::canary).toList();
    }

    public List<String> reconciled() {
        return List.copyOf(reconciled);
    }

    /**
     * Adoptions and weight changes of every app; zero means traffic was never touched. A reconcile of a route adopted
     * already writes nothing, as the adapters' reconcile returns early on a converged route or rule.
     */
    public int writes() {
        return adoptions + applied.values().stream().mapToInt(List::size).sum();
    }

    public boolean hasRoute(String app) {
        return routes.containsKey(app);
    }

    private Weights route(String app) {
        Weights weights = routes.get(app);
        if (weights == null) {
            throw new IllegalStateException("app " + app + " has no route; reconcile creates it");
        }
        return weights;
    }

    /** One app's route, bound as the factory binds an adapter. */
    private final class Route implements TrafficRouter {

        private final String cluster;
        private final String app;
        private final RouterSpec spec;

        Route(String cluster, String app, RouterSpec spec) {
            this.cluster = cluster;
            this.app = app;
            this.spec = spec;
        }

        @Override
        public TwinAttachment reconcile() {
            return FakeRouter.this.reconcile(app, spec);
        }

        /** In memory every route can be adopted: reconcile creates one that is missing. */
        @Override
        public void check() {
        }

        @Override
        public Weights currentWeights() {
            return FakeRouter.this.currentWeights(app);
        }

        @Override
        public Weights applyWeights(Weights weights) {
            return FakeRouter.this.applyWeights(app, weights);
        }

        @Override
        public Weights takeOver(List<RouteTarget> team) {
            return FakeRouter.this.takeOver(app, team);
        }

        @Override
        public TrackTasks trackTasks(Track track) {
            return FakeRouter.this.trackTasks(cluster, app, spec, track);
        }

        @Override
        public void giveBack(List<RouteTarget> team) {
            FakeRouter.this.giveBack(app, team);
        }

        @Override
        public void removeTracks() {
            FakeRouter.this.removeTracks(app);
        }
    }
}
