package io.meshcanary.local.demo;

import java.util.Map;
import java.util.Optional;

/** A rule that weighs target groups (ALB, VPC Lattice), as a test reads it: the same questions on either router. */
public interface TargetGroupRule extends RouterFixture {

    /** Each target group the rule forwards to, as the rule names it, with its weight. */
    Map<String, Integer> weights();

    /** The targets of {@code targetGroup}, as the rule names it, that report healthy. */
    int healthyTargets(String targetGroup);

    /** The twin's group as the rule names it, once meshcanary put it on the rule. */
    Optional<String> primaryTargetGroup();

    /** Whether the twin's group exists, on the rule or not. */
    boolean primaryTargetGroupExists();

    /**
     * The team puts its existing service (the canary track, onboarded on another router) behind the rule's group, as
     * step 1 of the README's "Migrating from App Mesh" asks.
     */
    void attachService();
}
