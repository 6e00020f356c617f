package io.meshcanary.port;

import io.meshcanary.rollout.Rollout;
import io.meshcanary.rollout.RolloutContext;
import io.meshcanary.spec.RouterSpec;

/**
 * Hands back the router of a spec's provider, bound to one app and its spec of the provider's own type: the one place
 * that asks which provider a spec names (Flagger's router factory does the same).
 */
public interface RouterFactory {

    TrafficRouter bind(String cluster, String app, RouterSpec spec);

    /** The router of the rollout a workflow step runs. */
    default TrafficRouter bind(RolloutContext context) {
        return bind(context.cluster(), context.app(), context.spec().router());
    }

    /** The router of a rollout as its record holds it: the fast path and the resync have no context. */
    default TrafficRouter bind(Rollout rollout) {
        return bind(rollout.cluster(), rollout.app(), rollout.canarySpec().router());
    }
}
