package io.meshcanary.rollout;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the primary twin's tasks must be attached so that the router reaches them. Behind a load balancer or VPC
 * Lattice, ECS registers a service's tasks in the target groups the service names, so the twin names its own target
 * group where the canary names the user's. Behind App Mesh the node registry registers the tasks instead.
 *
 * <p>{@link #teamTargets} are the team's own targets that the adopted route sends traffic to, other than the two
 * tracks: they keep it until the twin serves (App Mesh; behind ALB and Lattice the team's target is the canary's).
 */
public sealed interface TwinAttachment {

    TwinAttachment NONE = new Registered(List.of());

    List<RouteTarget> teamTargets();

    /** Whether {@code twin}, as ECS describes it, is attached where the router reaches its tasks. */
    boolean reaches(ServiceState twin);

    /** The twin's own target group, where the router weighs target groups; empty where registrations reach it. */
    default Optional<String> twinTargetGroup() {
        return Optional.empty();
    }

    /** Behind App Mesh: no target group, and the team's own targets on the route. */
    static TwinAttachment meshRoute(List<RouteTarget> teamTargets) {
        return new Registered(teamTargets);
    }

    /** The twin's tasks reach the router by the node registry's registrations, whatever ECS attaches them to. */
    record Registered(List<RouteTarget> teamTargets) implements TwinAttachment {

        public Registered {
            teamTargets = List.copyOf(teamTargets);
        }

        @Override
        public boolean reaches(ServiceState twin) {
            return true;
        }
    }

    /** ECS registers the twin's tasks in its own target group, named as the canary names the user's. */
    sealed interface TargetGroups extends TwinAttachment {

        /** The user's target group, whose attachment the twin copies. */
        String canaryTargetGroup();

        /** The twin's own target group. */
        String primaryTargetGroup();

        @Override
        default boolean reaches(ServiceState twin) {
            return twin.targetGroups().contains(primaryTargetGroup());
        }

        @Override
        default Optional<String> twinTargetGroup() {
            return Optional.of(primaryTargetGroup());
        }
    }

    /** In the service's {@code loadBalancers}. */
    record LoadBalancer(String canaryTargetGroup, String primaryTargetGroup, List<RouteTarget> teamTargets)
            implements TargetGroups {

        public LoadBalancer {
            Objects.requireNonNull(canaryTargetGroup, "canaryTargetGroup");
            Objects.requireNonNull(primaryTargetGroup, "primaryTargetGroup");
            teamTargets = List.copyOf(teamTargets);
        }

        public LoadBalancer(String canaryTargetGroup, String primaryTargetGroup) {
            this(canaryTargetGroup, primaryTargetGroup, List.of());
        }
    }

    /** In the service's {@code vpcLatticeConfigurations}. */
    record VpcLattice(String canaryTargetGroup, String primaryTargetGroup, List<RouteTarget> teamTargets)
            implements TargetGroups {

        public VpcLattice {
            Objects.requireNonNull(canaryTargetGroup, "canaryTargetGroup");
            Objects.requireNonNull(primaryTargetGroup, "primaryTargetGroup");
            teamTargets = List.copyOf(teamTargets);
        }

        public VpcLattice(String canaryTargetGroup, String primaryTargetGroup) {
            this(canaryTargetGroup, primaryTargetGroup, List.of());
        }
    }
}
