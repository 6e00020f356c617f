package io.meshcanary.local.demo;


import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.appmesh.model.RouteSpec;
import software.amazon.awssdk.services.appmesh.model.WeightedTarget;

/** The demo shop's own App Mesh route: a match, retries, a timeout and a priority the team set. */
final class MeshRoute implements RouterFixture {

    private final DemoShop shop;

    MeshRoute(DemoShop shop) {
        this.shop = shop;
    }

    /** The demo's spec routes through App Mesh already. */
    @Override
    public void route(ObjectNode spec) {
    }

    @Override
    public void createService(String taskDefinition) {
        shop.createService(taskDefinition);
    }

    @Override
    public int canaryWeight() {
        return shop.canaryWeight();
    }

    @Override
    public void editWeights(int canaryPercent) {
        RouteSpec spec = shop.route();
        List<WeightedTarget> targets = new ArrayList<>(spec.httpRoute().action().weightedTargets().stream()
                .filter(target -> !target.virtualNode().startsWith(shop.app + "-"))
                .toList());
        targets.add(WeightedTarget.builder().virtualNode(shop.app + "-primary").weight(100 - canaryPercent).build());
        targets.add(WeightedTarget.builder().virtualNode(shop.app + "-canary").weight(canaryPercent).build());
        RouteSpec edited = spec.toBuilder().httpRoute(spec.httpRoute().toBuilder()
                .action(action -> action.weightedTargets(targets)).build()).build();
        shop.aws.appMesh.updateRoute(request -> request.meshName(shop.mesh).virtualRouterName(shop.app)
                .routeName(shop.app).spec(edited));
    }

    /** The route without the two tracks' targets, whose weights are meshcanary's. */
    @Override
    public RouteSpec untouched() {
        RouteSpec route = shop.route();
        return route.toBuilder().httpRoute(route.httpRoute().toBuilder()
                .action(action -> action.weightedTargets(route.httpRoute().action().weightedTargets().stream()
                        .filter(target -> !target.virtualNode().equals(shop.app + "-primary")
                                && !target.virtualNode().equals(shop.app + "-canary"))
                        .toList()))
                .build()).build();
    }
}
