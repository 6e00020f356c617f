package io.meshcanary.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.local.demo.DemoShop;
import software.amazon.awssdk.services.appmesh.model.RouteSpec;

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
