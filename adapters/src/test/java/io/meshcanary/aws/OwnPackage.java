package io.meshcanary.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Supplier;

/**
 * A function's package check. A function module's test classpath is its package's runtime classpath plus test
 * libraries, so building the handler as Lambda does and running the SnapStart priming it registered (which builds
 * every client and adapter its wiring can reach, and makes a call on each, answered in the JVM) fails with a
 * NoClassDefFoundError when the package lacks a service some path of the function needs. The local runtime cannot
 * show that: it hosts every function on one classpath.
 */
public final class OwnPackage {

    private static final String SERVICES = "software/amazon/awssdk/services/";

    private OwnPackage() {
    }

    /**
     * Builds the handler with its no-arg constructor and runs the priming the checkpoint would run.
     *
     * @param lacks SDK service packages (such as {@code "ecs"}) the function does not ship, checked absent first, so
     *     that the check runs on the package and not on a classpath that test dependencies widened
     */
    public static void primes(Supplier<?> handler, String... lacks) throws Exception {
        for (String service : lacks) {
            assertThat(OwnPackage.class.getClassLoader().getResource(SERVICES + service + "/"))
                    .as("SDK service %s on the test classpath", service).isNull();
        }
        handler.get();
        List<Priming> registered = Priming.registered();
        assertThat(registered).as("priming registered by the handler").isNotEmpty();
        for (Priming priming : registered) {
            priming.beforeCheckpoint(null);
        }
    }
}
