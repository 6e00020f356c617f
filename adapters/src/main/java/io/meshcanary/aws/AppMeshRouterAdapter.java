package io.meshcanary.aws;

import io.meshcanary.model.Track;
import io.meshcanary.model.TrackedService;
import io.meshcanary.port.TrafficRouter;
import io.meshcanary.rollout.ProviderWeights;
import io.meshcanary.rollout.TwinAttachment;
import io.meshcanary.rollout.Weights;
import io.meshcanary.spec.AppMeshRouter;
import io.meshcanary.spec.RouterSpec;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.appmesh.AppMeshClient;
import software.amazon.awssdk.services.appmesh.model.RouteSpec;
import software.amazon.awssdk.services.appmesh.model.WeightedTarget;

/**
 * Weights on an App Mesh route. Every write is a read-modify-write of the route's spec: only the weights of the
 * app's two virtual nodes change, and the match, retry policy, timeouts, priority and any other targets stay as
 * they were found.
 */
public final class AppMeshRouterAdapter implements TrafficRouter {

    private final AppMeshClient appMesh;

    public AppMeshRouterAdapter(AppMeshClient appMesh) {
        this.appMesh = appMesh;
    }

    /** Behind App Mesh the node registry registers each track's tasks; the twin needs no target group. */
    @Override
    public TwinAttachment reconcile(String app, RouterSpec spec) {
        AppMeshRouter router = (AppMeshRouter) spec;
        if (!routerExists(router)) {
            createRouter(router);
        }
        if (!routeExists(router)) {
            create(app, router);
            return TwinAttachment.NONE;
        }
        RouteTargets route = RouteTargets.of(describe(router), router);
        List<WeightedTarget> adopted = withMissing(withMissing(route.targets(), app, Track.PRIMARY, 100), app,
                Track.CANARY, 0);
        if (!adopted.equals(route.targets())) {
            update(router, route.replace(adopted));
        }
        return TwinAttachment.NONE;
    }

    @Override
    public Weights currentWeights(String app, RouterSpec spec) {
        AppMeshRouter router = (AppMeshRouter) spec;
        return weightsOn(describe(router), app, router);
    }

    private static Weights weightsOn(RouteSpec route, String app, AppMeshRouter router) {
        List<WeightedTarget> targets = RouteTargets.of(route, router).targets();
        return ProviderWeights.readBack(weightOf(targets, app, Track.PRIMARY), weightOf(targets, app, Track.CANARY))
                .orElseThrow(() -> new RoutingException("route %s/%s sends nothing to %s or %s".formatted(
                        router.virtualRouter(), router.route(), nodeName(app, Track.PRIMARY),
                        nodeName(app, Track.CANARY)), null));
    }

    @Override
    public Weights applyWeights(String app, RouterSpec spec, Weights weights) {
        AppMeshRouter router = (AppMeshRouter) spec;
        RouteTargets route = RouteTargets.of(describe(router), router);
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
        return weightsOn(update(router, route.replace(updated)), app, router);
    }

    // Existence is read from listings: a missing resource is then no error to tell apart from other 4xx answers.
    private boolean routerExists(AppMeshRouter router) {
        return appMesh.listVirtualRoutersPaginator(request -> request.meshName(router.mesh())).virtualRouters()
                .stream().anyMatch(ref -> ref.virtualRouterName().equals(router.virtualRouter()));
    }

    private boolean routeExists(AppMeshRouter router) {
        return appMesh.listRoutesPaginator(request -> request.meshName(router.mesh())
                        .virtualRouterName(router.virtualRouter())).routes()
                .stream().anyMatch(ref -> ref.routeName().equals(router.route()));
    }

    /** The router listens where the app's virtual nodes do. */
    private void createRouter(AppMeshRouter router) {
        try {
            appMesh.createVirtualRouter(request -> request.meshName(router.mesh())
                    .virtualRouterName(router.virtualRouter())
                    .spec(spec -> spec.listeners(listener -> listener.portMapping(mapping -> mapping
                            .port(router.virtualNode().port()).protocol(router.virtualNode().protocol())))));
        } catch (RuntimeException e) {
            throw new RoutingException("create virtual router %s/%s".formatted(router.mesh(),
                    router.virtualRouter()), e);
        }
    }

    private RouteSpec describe(AppMeshRouter router) {
        return appMesh.describeRoute(request -> request.meshName(router.mesh())
                .virtualRouterName(router.virtualRouter()).routeName(router.route())).route().spec();
    }

    private RouteSpec update(AppMeshRouter router, RouteSpec spec) {
        try {
            return appMesh.updateRoute(request -> request.meshName(router.mesh())
                    .virtualRouterName(router.virtualRouter()).routeName(router.route()).spec(spec)).route().spec();
        } catch (RuntimeException e) {
            throw new RoutingException("update route %s/%s/%s".formatted(router.mesh(), router.virtualRouter(),
                    router.route()), e);
        }
    }

    /** A new route matches every path of the router's protocol and sends all traffic to the primary. */
    private void create(String app, AppMeshRouter router) {
        List<WeightedTarget> targets = List.of(target(app, Track.PRIMARY, 100), target(app, Track.CANARY, 0));
        RouteSpec spec = switch (router.virtualNode().protocol()) {
            case "tcp" -> RouteSpec.builder().tcpRoute(route -> route.action(action -> action.weightedTargets(targets)))
                    .build();
            case "grpc" -> RouteSpec.builder().grpcRoute(route -> route.match(match -> match.serviceName(app))
                    .action(action -> action.weightedTargets(targets))).build();
            case "http2" -> RouteSpec.builder().http2Route(route -> route.match(match -> match.prefix("/"))
                    .action(action -> action.weightedTargets(targets))).build();
            default -> RouteSpec.builder().httpRoute(route -> route.match(match -> match.prefix("/"))
                    .action(action -> action.weightedTargets(targets))).build();
        };
        try {
            appMesh.createRoute(request -> request.meshName(router.mesh()).virtualRouterName(router.virtualRouter())
                    .routeName(router.route()).spec(spec));
        } catch (RuntimeException e) {
            throw new RoutingException("create route %s/%s/%s".formatted(router.mesh(), router.virtualRouter(),
                    router.route()), e);
        }
    }

    /** Adds the track's target with {@code weight} unless the route has one. */
    private static List<WeightedTarget> withMissing(List<WeightedTarget> targets, String app, Track track,
            int weight) {
        if (weightOf(targets, app, track) >= 0) {
            return targets;
        }
        List<WeightedTarget> longer = new ArrayList<>(targets);
        longer.add(target(app, track, weight));
        return longer;
    }

    /** The track's weight on the route, or -1 when the route has no target for it. */
    private static int weightOf(List<WeightedTarget> targets, String app, Track track) {
        String node = nodeName(app, track);
        return targets.stream().filter(target -> target.virtualNode().equals(node))
                .mapToInt(WeightedTarget::weight).findFirst().orElse(-1);
    }

    private static WeightedTarget target(String app, Track track, int weight) {
        return WeightedTarget.builder().virtualNode(nodeName(app, track)).weight(weight).build();
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
