package io.meshcanary.port;

import io.meshcanary.rollout.TwinAttachment;
import io.meshcanary.rollout.Weights;
import io.meshcanary.spec.RouterSpec;

/**
 * Shifts traffic between an app's primary and canary tracks. Each verb takes the whole routing context, and an
 * adapter owns only the weights of the two tracks: everything else on the route is kept as it was found. A factory
 * picks the adapter from the router's type.
 */
public interface TrafficRouter {

    /**
     * Creates the route, or adopts an existing one, so that it targets both tracks. A new route sends all to the
     * primary; a track added to an adopted route gets no traffic until a weight is applied.
     *
     * @return how the primary twin must be attached for the route to reach it
     * @throws io.meshcanary.spec.InvalidSpecException if the router section names a route that cannot be adopted
     */
    TwinAttachment reconcile(String app, RouterSpec router);

    /** The weights the provider applies now, read back rather than assumed. */
    Weights currentWeights(String app, RouterSpec router);

    /** Applies {@code weights} and returns the weights read back afterwards. */
    Weights applyWeights(String app, RouterSpec router, Weights weights);

    /** Leaves all traffic on the primary. */
    default Weights finalize(String app, RouterSpec router) {
        return applyWeights(app, router, Weights.ALL_PRIMARY);
    }
}
