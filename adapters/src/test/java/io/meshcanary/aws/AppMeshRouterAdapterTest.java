package io.meshcanary.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.meshcanary.model.Track;
import io.meshcanary.model.TrackedService;
import io.meshcanary.registry.Endpoint;
import io.meshcanary.registry.Registration;
import io.meshcanary.rollout.RouteTarget;
import io.meshcanary.rollout.TrackTasks;
import io.meshcanary.rollout.TwinAttachment;
import io.meshcanary.rollout.Weights;
import io.meshcanary.spec.AppMeshRouter;
import io.meshcanary.spec.CloudMapService;
import io.meshcanary.spec.InvalidSpecException;
import io.meshcanary.spec.VirtualNodeTemplate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.appmesh.model.HttpRoute;
import software.amazon.awssdk.services.appmesh.model.RouteSpec;
import software.amazon.awssdk.services.appmesh.model.VirtualNodeSpec;
import software.amazon.awssdk.services.appmesh.model.WeightedTarget;

/**
 * The App Mesh adapter against {@link FakeAppMesh}, an in-memory client shaped after the documented API: App Mesh can
 * no longer be reached, and the emulator's routes know only HTTP. Every route kind is checked, since each keeps its
 * weighted targets, match, retry policy and timeouts in a differently typed part of the spec.
 */
class AppMeshRouterAdapterTest {

    private static final String MESH = "shop";
    private static final String APP = "orders";
    private static final String PRIMARY = "orders-primary";
    private static final String CANARY = "orders-canary";
    private static final String LEGACY = "orders-legacy";
    private static final String DISCOVERING = "orders-v1";
    private static final int PORT = 8080;
    private static final AppMeshRouter ROUTER = router(APP);

    private final FakeAppMesh appMesh = new FakeAppMesh(MESH)
            .virtualNode(APP, discovering(APP))
            .virtualNode(DISCOVERING, discovering(APP))
            .virtualNode(LEGACY, VirtualNodeSpec.builder()
                    .serviceDiscovery(discovery -> discovery.dns(dns -> dns.hostname("legacy.shop.local"))).build());
    private final AppMeshNodes nodes = new AppMeshNodes(appMesh);
    private final ListedRegistrations registrations = new ListedRegistrations(List.of(
            registration("p1", Track.PRIMARY, "6"), registration("p2", Track.PRIMARY, "6"),
            registration("p3", Track.PRIMARY, "7"), registration("c1", Track.CANARY, "7")));

    /** The adapter as the factory binds it; the nodes it knows are shared, as the factory shares them. */
    private AppMeshRouterAdapter router(String app, AppMeshRouter spec) {
        return new AppMeshRouterAdapter(appMesh, nodes, () -> registrations, app, spec);
    }

    /** A route of each kind with all its settings; only the weighted targets vary. */
    enum RouteKind {
        HTTP(targets -> RouteSpec.builder().priority(5).httpRoute(http(targets)).build()),
        HTTP2(targets -> RouteSpec.builder().priority(5).http2Route(http(targets)).build()),
        GRPC(targets -> RouteSpec.builder().priority(5).grpcRoute(grpc -> grpc
                .match(match -> match.serviceName("shop.Orders").methodName("Place")
                        .metadata(header -> header.name("x-tenant").invert(false).match(value -> value.exact("acme"))))
                .retryPolicy(retry -> retry.maxRetries(3L).grpcRetryEventsWithStrings("unavailable", "cancelled")
                        .tcpRetryEventsWithStrings("connection-error")
                        .perRetryTimeout(duration -> duration.unit("ms").value(250L)))
                .timeout(timeout -> timeout.perRequest(duration -> duration.unit("s").value(15L))
                        .idle(duration -> duration.unit("s").value(60L)))
                .action(action -> action.weightedTargets(targets))).build()),
        TCP(targets -> RouteSpec.builder().priority(5).tcpRoute(tcp -> tcp.match(match -> match.port(PORT))
                .timeout(timeout -> timeout.idle(duration -> duration.unit("s").value(300L)))
                .action(action -> action.weightedTargets(targets))).build());

        private final Function<List<WeightedTarget>, RouteSpec> route;

        RouteKind(Function<List<WeightedTarget>, RouteSpec> route) {
            this.route = route;
        }

        RouteSpec with(WeightedTarget... targets) {
            return route.apply(List.of(targets));
        }

        private static HttpRoute http(List<WeightedTarget> targets) {
            return HttpRoute.builder()
                    .match(match -> match.prefix("/orders").method("GET")
                            .headers(header -> header.name("x-tenant").match(value -> value.exact("acme"))))
                    .retryPolicy(retry -> retry.maxRetries(2L).httpRetryEvents("server-error")
                            .perRetryTimeout(duration -> duration.unit("ms").value(500L)))
                    .timeout(timeout -> timeout.perRequest(duration -> duration.unit("s").value(10L)))
                    .action(action -> action.weightedTargets(targets)).build();
        }
    }

    @ParameterizedTest
    @EnumSource(RouteKind.class)
    void adoptingARouteToTheTeamsNodeAddsBothTracksWithNoTrafficAndKeepsEverythingElse(RouteKind kind) {
        appMesh.route(APP, APP, kind.with(target(APP, 100)));

        TwinAttachment attachment = router(APP, ROUTER).reconcile();

        assertThat(attachment.teamTargets()).containsExactly(new RouteTarget(APP, 100, PORT));
        assertThat(appMesh.route(APP, APP)).isEqualTo(kind.with(target(APP, 100), target(PRIMARY, 0),
                target(CANARY, 0)));
        assertThat(appMesh.virtualNodes()).contains(PRIMARY, CANARY);
    }

    @ParameterizedTest
    @EnumSource(RouteKind.class)
    void rolloutMovesOnlyTheTracksWeightsOnEveryRouteKind(RouteKind kind) {
        appMesh.route(APP, APP, kind.with(target(APP, 100)));
        TwinAttachment attachment = router(APP, ROUTER).reconcile();

        Weights takenOver = router(APP, ROUTER).takeOver(attachment.teamTargets());
        RouteSpec afterTakeOver = appMesh.route(APP, APP);
        Weights step = router(APP, ROUTER).applyWeights(Weights.canaryAt(25));
        RouteSpec atStep = appMesh.route(APP, APP);
        Weights read = router(APP, ROUTER).currentWeights();
        Weights promoted = router(APP, ROUTER).allToPrimary();

        assertThat(takenOver).isEqualTo(Weights.ALL_PRIMARY);
        assertThat(afterTakeOver).isEqualTo(kind.with(target(PRIMARY, 100), target(CANARY, 0)));
        assertThat(step).isEqualTo(Weights.canaryAt(25));
        assertThat(atStep).isEqualTo(kind.with(target(PRIMARY, 75), target(CANARY, 25)));
        assertThat(read).isEqualTo(Weights.canaryAt(25));
        assertThat(promoted).isEqualTo(Weights.ALL_PRIMARY);
        assertThat(appMesh.route(APP, APP)).isEqualTo(kind.with(target(PRIMARY, 100), target(CANARY, 0)));
    }

    @ParameterizedTest
    @EnumSource(RouteKind.class)
    void offboardingGivesTheTeamsNodeItsTrafficBackThenDeletesTheTrackNodes(RouteKind kind) {
        appMesh.route(APP, APP, kind.with(target(APP, 100)));
        TwinAttachment attachment = router(APP, ROUTER).reconcile();
        router(APP, ROUTER).takeOver(attachment.teamTargets());
        router(APP, ROUTER).applyWeights(Weights.canaryAt(10));

        router(APP, ROUTER).giveBack(attachment.teamTargets());
        router(APP, ROUTER).removeTracks();

        assertThat(appMesh.route(APP, APP)).isEqualTo(kind.with(target(APP, 100)));
        assertThat(appMesh.virtualNodes()).containsExactly(APP, DISCOVERING, LEGACY);
    }

    @Test
    void takeOverMovesTheTeamsShareToThePrimaryAndLeavesOtherTargetsTheirs() {
        appMesh.route(APP, APP, RouteKind.HTTP.with(target(APP, 50), target(LEGACY, 50)));
        TwinAttachment attachment = router(APP, ROUTER).reconcile();

        Weights weights = router(APP, ROUTER).takeOver(attachment.teamTargets());

        assertThat(weights).isEqualTo(Weights.ALL_PRIMARY);
        assertThat(appMesh.route(APP, APP)).isEqualTo(RouteKind.HTTP.with(target(LEGACY, 50), target(PRIMARY, 50),
                target(CANARY, 0)));
    }

    @Test
    void reconcilingAnAdoptedRouteAgainWritesNothing() {
        appMesh.route(APP, APP, RouteKind.GRPC.with(target(APP, 100)));
        router(APP, ROUTER).reconcile();
        int before = appMesh.calls().size();

        router(APP, ROUTER).reconcile();

        assertThat(appMesh.calls().subList(before, appMesh.calls().size()))
                .doesNotContain("UpdateRoute", "CreateVirtualNode");
    }

    @Test
    void routeTheMeshDoesNotHaveFailsTheSpecNamingTheRouteAndChangesNothing() {
        appMesh.route(APP, APP, RouteKind.HTTP.with(target(APP, 100)));
        AppMeshRouter missing = new AppMeshRouter(MESH, APP, "orders-v2", ROUTER.cloudMap(), ROUTER.virtualNode());

        InvalidSpecException error = catchThrowableOfType(InvalidSpecException.class,
                () -> router(APP, missing).reconcile());

        assertThat(error.field()).isEqualTo("router.route");
        assertThat(error.problem()).contains("orders-v2", MESH + "/" + APP);
        assertThat(appMesh.calls()).doesNotContain("UpdateRoute", "CreateVirtualNode");
        assertThat(appMesh.route(APP, APP)).isEqualTo(RouteKind.HTTP.with(target(APP, 100)));
    }

    @Test
    void routeThatSendsNothingToTheAppsNodeFailsTheSpecAndChangesNothing() {
        appMesh.route(APP, APP, RouteKind.HTTP.with(target(LEGACY, 100)));

        InvalidSpecException error = catchThrowableOfType(InvalidSpecException.class,
                () -> router(APP, ROUTER).reconcile());

        assertThat(error.field()).isEqualTo("router.route");
        assertThat(error.problem()).contains(LEGACY);
        assertThat(appMesh.calls()).doesNotContain("UpdateRoute", "CreateVirtualNode");
    }

    @Test
    void teamsNodeNamedOtherwiseIsFoundByTheCloudMapServiceItDiscovers() {
        appMesh.route(APP, APP, RouteKind.HTTP2.with(target(DISCOVERING, 100)));

        TwinAttachment attachment = router(APP, ROUTER).reconcile();

        assertThat(attachment.teamTargets()).containsExactly(new RouteTarget(DISCOVERING, 100, PORT));
    }

    /** A node that expects no ingress may omit service discovery; it cannot be the app's node. */
    @Test
    void routeToANodeWithoutServiceDiscoveryFailsTheSpecRatherThanTheReconcile() {
        appMesh.virtualNode("gateway", VirtualNodeSpec.builder().build())
                .route(APP, APP, RouteKind.HTTP.with(target("gateway", 100)));

        InvalidSpecException error = catchThrowableOfType(InvalidSpecException.class,
                () -> router(APP, ROUTER).reconcile());

        assertThat(error.field()).isEqualTo("router.route");
        assertThat(error.problem()).contains("gateway");
        assertThat(appMesh.calls()).doesNotContain("UpdateRoute", "CreateVirtualNode");
    }

    @Test
    void weightsBeforeReconcileAreRefusedNamingTheMissingNode() {
        appMesh.route(APP, APP, RouteKind.TCP.with(target(APP, 100)));

        RoutingException error = catchThrowableOfType(RoutingException.class,
                () -> router(APP, ROUTER).applyWeights(Weights.canaryAt(10)));

        assertThat(error).hasMessageContaining(PRIMARY);
        assertThat(appMesh.calls()).doesNotContain("UpdateRoute");
    }

    private static WeightedTarget target(String node, int weight) {
        return WeightedTarget.builder().virtualNode(node).weight(weight).port(PORT).build();
    }

    private static VirtualNodeSpec discovering(String service) {
        return VirtualNodeSpec.builder().serviceDiscovery(discovery -> discovery.awsCloudMap(cloudMap -> cloudMap
                .namespaceName("shop.local").serviceName(service))).build();
    }

    @Test
    void aTrackCountsTheTasksTheRegistryRegisteredForItWithNoHealthOfItsOwn() {
        assertThat(router(APP, ROUTER).trackTasks(Track.PRIMARY))
                .isEqualTo(new TrackTasks(List.of("6", "6", "7"), OptionalInt.empty()));
        assertThat(router(APP, ROUTER).trackTasks(Track.CANARY))
                .isEqualTo(new TrackTasks(List.of("7"), OptionalInt.empty()));
    }

    private static Registration registration(String task, Track track, String revision) {
        return new Registration(task, new Endpoint("10.0.1.7", PORT), track, revision, "shop",
                new TrackedService(APP, track).serviceName(), APP);
    }

    private static AppMeshRouter router(String route) {
        return new AppMeshRouter(MESH, APP, route, new CloudMapService("shop.local", APP),
                new VirtualNodeTemplate(PORT, "http", Optional.empty(), List.of()));
    }
}
