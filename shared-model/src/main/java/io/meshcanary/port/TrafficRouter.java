package io.meshcanary.port;

import io.meshcanary.rollout.Weights;
import io.meshcanary.spec.AppMeshRouter;

/**
 * Shifts traffic between an app's primary and canary tracks. Each verb takes the whole routing context, and an
 * adapter owns only the weights of the two tracks: everything else on the route is kept as it was found.
 */
public interface TrafficRouter {

    /** Creates the route, or adopts an existing one, so that it targets both tracks; a new route sends all to the primary. */
    void reconcile(String app, AppMeshRouter router);

    /** The weights the provider applies now, read back rather than assumed. */
    Weights currentWeights(String app, AppMeshRouter router);

    /** Applies {@code weights} and returns the weights read back afterwards. */
    Weights applyWeights(String app, AppMeshRouter router, Weights weights);

    /** Leaves all traffic on the primary. */
    default Weights finalize(String app, AppMeshRouter router) {
        return applyWeights(app, router, Weights.ALL_PRIMARY);
    }
}
