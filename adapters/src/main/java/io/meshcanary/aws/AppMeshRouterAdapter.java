package io.meshcanary.aws;

import io.meshcanary.model.Track;
import io.meshcanary.model.TrackedService;
import io.meshcanary.port.NodeDirectory;
import io.meshcanary.port.TrafficRouter;
import io.meshcanary.registry.Registration;
import io.meshcanary.rollout.ProviderWeights;
import io.meshcanary.rollout.RouteTarget;
import io.meshcanary.rollout.TrackTasks;
import io.meshcanary.rollout.TwinAttachment;
import io.meshcanary.rollout.Weights;
import io.meshcanary.spec.AppMeshRouter;
import io.meshcanary.spec.InvalidSpecException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.appmesh.AppMeshClient;
import software.amazon.awssdk.services.appmesh.model.AwsCloudMapServiceDiscovery;
import software.amazon.awssdk.services.appmesh.model.NotFoundException;
import software.amazon.awssdk.services.appmesh.model.RouteSpec;
import software.amazon.awssdk.services.appmesh.model.ServiceDiscovery;
import software.amazon.awssdk.services.appmesh.model.WeightedTarget;

/**
 * Weights on an App Mesh route. Every write is a read-modify-write of the route's spec: only the weights of the
 * app's two virtual nodes change, and the match, retry policy, timeouts, priority and any other targets stay as
 * they were found.
 */
public final class AppMeshRouterAdapter implements TrafficRouter {

    private final AppMeshClient appMesh;
    private final AppMeshNodes nodes;
    private final Supplier<? extends NodeDirectory> directory;
    private final String app;
    private final AppMeshRouter router;

    /**
     * @param directory counts a track's tasks: the node registry registers them in Cloud Map, where the nodes look. It
     *        is built on first need: the alarm guard, which never counts tasks, ships no Cloud Map client.
     */
    public AppMeshRouterAdapter(AppMeshClient appMesh, AppMeshNodes nodes, Supplier<? extends NodeDirectory> directory,
            String app, AppMeshRouter router) {
        this.appMesh = appMesh;
        this.nodes = nodes;
        this.directory = directory;
        this.app = app;
        this.router = router;
    }

    /** The track's tasks the node registry registered: the track's virtual node reaches no other. */
    @Override
    public TrackTasks trackTasks(Track track) {
        String service = new TrackedService(app, track).serviceName();
        return new TrackTasks(directory.get().list(router.cloudMap()).stream()
                .filter(registration -> registration.track() == track)
                .filter(registration -> registration.service().equals(service))
                .map(Registration::revision)
                .toList(), OptionalInt.empty());
    }

    /**
     * Adopts the team's route: it must exist and send traffic to the app's own virtual node (named as the app, or
     * discovering the spec's Cloud Map service). The per-track nodes are ensured, then added with weight 0 and the
     * port of the team's target beside them; the team's target keeps its traffic until {@link #takeOver}. Behind
     * App Mesh the node registry registers each track's tasks; the twin needs no target group.
     */
    @Override
    public TwinAttachment reconcile() {
        RouteTargets route = adoptable();
        List<WeightedTarget> team = teamTargets(route);
        for (Track track : Track.values()) {
            nodes.ensureVirtualNode(router, new TrackedService(app, track));
        }
        // A target added beside the team's reaches the same port of its node.
        Integer port = route.targets().isEmpty() ? null : (team.isEmpty() ? route.targets() : team).getFirst().port();
        List<WeightedTarget> withTracks = withMissing(withMissing(route.targets(), app, Track.PRIMARY, port), app,
                Track.CANARY, port);
        if (!withTracks.equals(route.targets())) {
            update(route.replace(withTracks));
        }
        return TwinAttachment.meshRoute(team.stream()
                .map(target -> new RouteTarget(target.virtualNode(), target.weight(), target.port()))
                .toList());
    }

    @Override
    public void check() {
        adoptable();
    }

    /** The route the spec names, which must send traffic to the app's own node unless it was adopted already. */
    private RouteTargets adoptable() {
        if (!routerExists()) {
            throw new InvalidSpecException("router.virtualRouter", "mesh %s has no virtual router %s"
                    .formatted(router.mesh(), router.virtualRouter()));
        }
        if (!routeExists()) {
            throw new InvalidSpecException("router.route", ("virtual router %s/%s has no route %s: meshcanary adopts"
                    + " the team's route and never creates one").formatted(router.mesh(), router.virtualRouter(),
                    router.route()));
        }
        RouteTargets route = RouteTargets.of(describe(), router);
        boolean adopted = weightOf(route.targets(), app, Track.PRIMARY) >= 0;
        if (teamTargets(route).isEmpty() && !adopted) {
            throw new InvalidSpecException("router.route", ("route %s/%s sends no traffic to a virtual node of %s"
                    + " (named %s, or discovering Cloud Map service %s/%s); it targets %s").formatted(
                    router.virtualRouter(), router.route(), app, app, router.cloudMap().namespace(),
                    router.cloudMap().service(), route.targets().stream().map(WeightedTarget::virtualNode).toList()));
        }
        return route;
    }

    private List<WeightedTarget> teamTargets(RouteTargets route) {
        return route.targets().stream()
                .filter(target -> !isTrack(target, app) && target.weight() > 0 && isTeams(target))
                .toList();
    }

    /**
     * The primary takes the traffic of the team's targets and of the canary in one update, and the team's targets
     * leave the route; the other targets keep theirs.
     */
    @Override
    public Weights takeOver(List<RouteTarget> teamTargets) {
        RouteTargets route = RouteTargets.of(describe(), router);
        Set<String> team = teamTargets.stream().map(RouteTarget::name).collect(Collectors.toSet());
        String primary = nodeName(app, Track.PRIMARY);
        String canary = nodeName(app, Track.CANARY);
        int moved = route.targets().stream()
                .filter(target -> team.contains(target.virtualNode()) || target.virtualNode().equals(primary)
                        || target.virtualNode().equals(canary))
                .mapToInt(WeightedTarget::weight).sum();
        List<WeightedTarget> updated = route.targets().stream()
                .filter(target -> !team.contains(target.virtualNode()))
                .map(target -> target.virtualNode().equals(primary) ? target.toBuilder().weight(Math.max(1, moved)).build()
                        : target.virtualNode().equals(canary) ? target.toBuilder().weight(0).build()
                        : target)
                .toList();
        return weightsOn(update(route.replace(updated)));
    }

    /** One update: the team's targets get their weights and ports back, the tracks' nodes leave the route. */
    @Override
    public void giveBack(List<RouteTarget> teamTargets) {
        RouteTargets route = RouteTargets.of(describe(), router);
        Set<String> team = teamTargets.stream().map(RouteTarget::name).collect(Collectors.toSet());
        List<WeightedTarget> given = new ArrayList<>(route.targets().stream()
                .filter(target -> !isTrack(target, app) && !team.contains(target.virtualNode()))
                .toList());
        teamTargets.forEach(target -> given.add(WeightedTarget.builder().virtualNode(target.name())
                .weight(target.weight()).port(target.port()).build()));
        if (teamTargets.isEmpty() || given.equals(route.targets())) {
            return;
        }
        update(route.replace(given));
    }

    /** The per-track nodes; App Mesh refuses to delete a node that a route still targets. */
    @Override
    public void removeTracks() {
        for (Track track : Track.values()) {
            nodes.deleteVirtualNode(router.mesh(), nodeName(app, track));
        }
    }

    @Override
    public Weights currentWeights() {
        return weightsOn(describe());
    }

    private Weights weightsOn(RouteSpec route) {
        List<WeightedTarget> targets = RouteTargets.of(route, router).targets();
        return ProviderWeights.readBack(weightOf(targets, app, Track.PRIMARY), weightOf(targets, app, Track.CANARY))
                .orElseThrow(() -> new RoutingException("route %s/%s sends nothing to %s or %s".formatted(
                        router.virtualRouter(), router.route(), nodeName(app, Track.PRIMARY),
                        nodeName(app, Track.CANARY)), null));
    }

    @Override
    public Weights applyWeights(Weights weights) {
        RouteTargets route = RouteTargets.of(describe(), router);
        for (Track track : Track.values()) {
            if (weightOf(route.targets(), app, track) < 0) {
                throw new RoutingException("route %s/%s has no target for virtual node %s; reconcile it first"
                        .formatted(router.virtualRouter(), router.route(), nodeName(app, track)), null);
            }
        }
        String primary = nodeName(app, Track.PRIMARY);
        String canary = nodeName(app, Track.CANARY);
        List<WeightedTarget> updated = route.targets().stream()
                .map(target -> target.virtualNode().equals(primary) ? target.toBuilder().weight(weights.primary()).build()
                        : target.virtualNode().equals(canary) ? target.toBuilder().weight(weights.canary()).build()
                        : target)
                .toList();
        // UpdateRoute answers with the route as stored: that is the read-back, without a second describe.
        return weightsOn(update(route.replace(updated)));
    }

    // Existence is read from listings: a missing resource is then no error to tell apart from other 4xx answers.
    private boolean routerExists() {
        try {
            return appMesh.listVirtualRoutersPaginator(request -> request.meshName(router.mesh())).virtualRouters()
                    .stream().anyMatch(ref -> ref.virtualRouterName().equals(router.virtualRouter()));
        } catch (NotFoundException e) {
            throw new InvalidSpecException("router.mesh", "names no mesh the stack can find: " + router.mesh());
        }
    }

    private boolean routeExists() {
        return appMesh.listRoutesPaginator(request -> request.meshName(router.mesh())
                        .virtualRouterName(router.virtualRouter())).routes()
                .stream().anyMatch(ref -> ref.routeName().equals(router.route()));
    }

    private RouteSpec describe() {
        return appMesh.describeRoute(request -> request.meshName(router.mesh())
                .virtualRouterName(router.virtualRouter()).routeName(router.route())).route().spec();
    }

    private RouteSpec update(RouteSpec spec) {
        try {
            return appMesh.updateRoute(request -> request.meshName(router.mesh())
                    .virtualRouterName(router.virtualRouter()).routeName(router.route()).spec(spec)).route().spec();
        } catch (RuntimeException e) {
            throw new RoutingException("update route %s/%s/%s".formatted(router.mesh(), router.virtualRouter(),
                    router.route()), e);
        }
    }

    /** Adds the track's target, with no traffic, unless the route has one. */
    private static List<WeightedTarget> withMissing(List<WeightedTarget> targets, String app, Track track,
            Integer port) {
        if (weightOf(targets, app, track) >= 0) {
            return targets;
        }
        List<WeightedTarget> longer = new ArrayList<>(targets);
        longer.add(WeightedTarget.builder().virtualNode(nodeName(app, track)).weight(0).port(port).build());
        return longer;
    }

    private static boolean isTrack(WeightedTarget target, String app) {
        return target.virtualNode().equals(nodeName(app, Track.PRIMARY))
                || target.virtualNode().equals(nodeName(app, Track.CANARY));
    }

    /** The team's own node is named as the app, or finds the app's tasks in the spec's Cloud Map service. */
    private boolean isTeams(WeightedTarget target) {
        if (target.virtualNode().equals(app)) {
            return true;
        }
        // A node that expects no ingress may omit service discovery altogether.
        ServiceDiscovery found = appMesh.describeVirtualNode(request -> request
                .meshName(router.mesh()).virtualNodeName(target.virtualNode())).virtualNode().spec()
                .serviceDiscovery();
        AwsCloudMapServiceDiscovery discovery = found == null ? null : found.awsCloudMap();
        return discovery != null && discovery.namespaceName().equals(router.cloudMap().namespace())
                && discovery.serviceName().equals(router.cloudMap().service());
    }

    /** The track's weight on the route, or -1 when the route has no target for it. */
    private static int weightOf(List<WeightedTarget> targets, String app, Track track) {
        String node = nodeName(app, track);
        return targets.stream().filter(target -> target.virtualNode().equals(node))
                .mapToInt(WeightedTarget::weight).findFirst().orElse(-1);
    }

    private static String nodeName(String app, Track track) {
        return new TrackedService(app, track).virtualNodeName();
    }

    /** The weighted targets of whichever protocol the route uses, and how to put changed ones back. */
    private record RouteTargets(List<WeightedTarget> targets, RouteSpec spec) {

        static RouteTargets of(RouteSpec spec, AppMeshRouter router) {
            if (spec.httpRoute() != null) {
                return new RouteTargets(spec.httpRoute().action().weightedTargets(), spec);
            }
            if (spec.http2Route() != null) {
                return new RouteTargets(spec.http2Route().action().weightedTargets(), spec);
            }
            if (spec.grpcRoute() != null) {
                return new RouteTargets(spec.grpcRoute().action().weightedTargets(), spec);
            }
            if (spec.tcpRoute() != null) {
                return new RouteTargets(spec.tcpRoute().action().weightedTargets(), spec);
            }
            throw new RoutingException("route %s/%s has no weighted action".formatted(router.virtualRouter(),
                    router.route()), null);
        }

        RouteSpec replace(List<WeightedTarget> weighted) {
            RouteSpec.Builder builder = spec.toBuilder();
            if (spec.httpRoute() != null) {
                builder.httpRoute(spec.httpRoute().toBuilder()
                        .action(spec.httpRoute().action().toBuilder().weightedTargets(weighted).build()).build());
            } else if (spec.http2Route() != null) {
                builder.http2Route(spec.http2Route().toBuilder()
                        .action(spec.http2Route().action().toBuilder().weightedTargets(weighted).build()).build());
            } else if (spec.grpcRoute() != null) {
                builder.grpcRoute(spec.grpcRoute().toBuilder()
                        .action(spec.grpcRoute().action().toBuilder().weightedTargets(weighted).build()).build());
            } else {
                builder.tcpRoute(spec.tcpRoute().toBuilder()
                        .action(spec.tcpRoute().action().toBuilder().weightedTargets(weighted).build()).build());
            }
            return builder.build();
        }
    }
}
