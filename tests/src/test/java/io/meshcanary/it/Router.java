package io.meshcanary.it;

import io.meshcanary.local.demo.DemoShop;

/** The routers the workflow tests run over. */
public enum Router {
    APP_MESH {
        @Override
        RouterFixture on(DemoShop shop) {
            return new MeshRoute(shop);
        }
    },
    ALB {
        @Override
        RouterFixture on(DemoShop shop) {
            return new AlbRule(shop);
        }
    };

    /** Provisions the app's route or rule on this router, in the shop's names. */
    abstract RouterFixture on(DemoShop shop);
}
