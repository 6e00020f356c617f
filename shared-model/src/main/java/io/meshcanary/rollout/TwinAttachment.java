package io.meshcanary.rollout;

import java.util.Objects;

/**
 * How the primary twin's tasks must be attached so that the router reaches them. Behind a load balancer or VPC
 * Lattice, ECS registers a service's tasks in the target groups the service names, so the twin names its own target
 * group where the canary names the user's. Behind App Mesh the node registry registers the tasks instead.
 *
 * @param canaryTargetGroup the user's target group, whose attachment the twin copies; null for {@link Kind#NONE}
 * @param primaryTargetGroup the twin's own target group; null for {@link Kind#NONE}
 */
public record TwinAttachment(Kind kind, String canaryTargetGroup, String primaryTargetGroup) {

    public static final TwinAttachment NONE = new TwinAttachment(Kind.NONE, null, null);

    /** Where an ECS service names its target groups. */
    public enum Kind {
        NONE,
        /** The service's {@code loadBalancers}. */
        LOAD_BALANCER,
        /** The service's {@code vpcLatticeConfigurations}. */
        VPC_LATTICE
    }

    public TwinAttachment {
        Objects.requireNonNull(kind, "kind");
        if (kind != Kind.NONE) {
            Objects.requireNonNull(canaryTargetGroup, "canaryTargetGroup");
            Objects.requireNonNull(primaryTargetGroup, "primaryTargetGroup");
        }
    }
}
