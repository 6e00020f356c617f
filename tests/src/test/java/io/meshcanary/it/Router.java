package io.meshcanary.it;

import io.meshcanary.local.demo.DemoShop;

/** The routers the workflow tests run over. */
public enum Router {
    APP_MESH("route") {
        @Override
        RouterFixture on(DemoShop shop) {
            return new MeshRoute(shop);
        }
    },
    ALB("listener rule") {
        @Override
        RouterFixture on(DemoShop shop) {
            return new AlbRule(shop);
        }
    },
    VPC_LATTICE("Lattice rule") {
        @Override
        RouterFixture on(DemoShop shop) {
            return new LatticeRule(shop);
        }
    };

    /** What the product calls the thing whose weights it moves on this router, in its messages. */
    final String weighs;

    Router(String weighs) {
        this.weighs = weighs;
    }

    /** Provisions the app's route or rule on this router, in the shop's names. */
    abstract RouterFixture on(DemoShop shop);
}
