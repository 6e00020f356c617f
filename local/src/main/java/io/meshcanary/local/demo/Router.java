package io.meshcanary.local.demo;

import io.meshcanary.spec.AlbRouter;
import io.meshcanary.spec.AppMeshRouter;
import io.meshcanary.spec.LatticeRouter;
import java.util.Arrays;
import java.util.stream.Collectors;


/** The routers the demo runs on and the workflow tests run over. */
public enum Router {
    APP_MESH(AppMeshRouter.TYPE, "route") {
        @Override
        public RouterFixture on(DemoShop shop) {
            return new MeshRoute(shop);
        }
    },
    ALB(AlbRouter.TYPE, "listener rule") {
        @Override
        public RouterFixture on(DemoShop shop) {
            return new AlbRule(shop);
        }
    },
    VPC_LATTICE(LatticeRouter.TYPE, "Lattice rule") {
        @Override
        public RouterFixture on(DemoShop shop) {
            return new LatticeRule(shop);
        }
    };

    /** The spec's {@code router.type} for this router. */
    public final String type;
    /** What the product calls the thing whose weights it moves on this router, in its messages. */
    public final String weighs;

    Router(String type, String weighs) {
        this.type = type;
        this.weighs = weighs;
    }

    /** The router whose spec type is {@code type}: {@code appmesh}, {@code alb} or {@code vpc-lattice}. */
    public static Router ofType(String type) {
        return Arrays.stream(values()).filter(router -> router.type.equals(type)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown router %s: use one of %s".formatted(type,
                        Arrays.stream(values()).map(router -> router.type).collect(Collectors.joining(", ")))));
    }

    /** Provisions the app's route or rule on this router, in the shop's names. */
    public abstract RouterFixture on(DemoShop shop);
}
