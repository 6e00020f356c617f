package io.meshcanary.rollout;

import java.util.List;
import java.util.Objects;

/**
 * How the primary twin's tasks must be attached so that the router reaches them. Behind a load balancer or VPC
 * Lattice, ECS registers a service's tasks in the target groups the service names, so the twin names its own target
 * group where the canary names the user's. Behind App Mesh the node registry registers the tasks instead.
 *
 * @param canaryTargetGroup the user's target group, whose attachment the twin copies; null for {@link Kind#NONE}
 * @param primaryTargetGroup the twin's own target group; null for {@link Kind#NONE}
 * @param teamTargets the team's own targets that the adopted route sends traffic to, other than the two tracks:
 *        they keep it until the twin serves (App Mesh; behind ALB and Lattice the team's target is the canary's)
 */
public record TwinAttachment(Kind kind, String canaryTargetGroup, String primaryTargetGroup,
        List<RouteTarget> teamTargets) {

    public static final TwinAttachment NONE = new TwinAttachment(Kind.NONE, null, null);

    /** Where an ECS service names its target groups. */
    public enum Kind {
        NONE,
        /** The service's {@code loadBalancers}. */
        LOAD_BALANCER,
        /** The service's {@code vpcLatticeConfigurations}. */
        VPC_LATTICE
    }

    public TwinAttachment(Kind kind, String canaryTargetGroup, String primaryTargetGroup) {
        this(kind, canaryTargetGroup, primaryTargetGroup, List.of());
    }

    /** Behind App Mesh: no target group, and the team's own targets on the route. */
    public static TwinAttachment meshRoute(List<RouteTarget> teamTargets) {
        return new TwinAttachment(Kind.NONE, null, null, teamTargets);
    }

    public TwinAttachment {
        Objects.requireNonNull(kind, "kind");
        teamTargets = List.copyOf(teamTargets);
        if (kind != Kind.NONE) {
            Objects.requireNonNull(canaryTargetGroup, "canaryTargetGroup");
            Objects.requireNonNull(primaryTargetGroup, "primaryTargetGroup");
        }
    }
}
