package io.meshcanary.nativemode;

import io.meshcanary.model.Track;
import io.meshcanary.spec.AlbRouter;
import io.meshcanary.spec.LatticeRouter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What tells the two revisions of one of ECS's own deployments apart in CloudWatch: the target group each revision's
 * tasks are registered in, from the target revision's load balancer or VPC Lattice configuration. ECS registers the
 * blue revision in the configuration's {@code targetGroupArn} and the green one in its
 * {@code advancedConfiguration.alternateTargetGroupArn} (Developer Guide, "Application Load Balancer resources for
 * blue/green, linear, and canary deployments": "a primary target group for the blue service revision (current
 * production traffic), an alternate target group for the green service revision"; the NLB and VPC Lattice pages take
 * the same two groups).
 *
 * @param lattice whether the groups are VPC Lattice target groups rather than ELB ones
 * @param blue the target group of the source revision, which serves production when the deployment starts
 * @param green the target group of the target revision
 * @param productionListener the production listener rule (ALB) or listener (NLB) ECS moves the weights of
 */
public record RevisionTargetGroups(boolean lattice, String blue, String green, Optional<String> productionListener) {

    public RevisionTargetGroups {
        Objects.requireNonNull(blue, "blue");
        Objects.requireNonNull(green, "green");
        Objects.requireNonNull(productionListener, "productionListener");
    }

    /**
     * The track's {@code {{targetGroup}}} (the canary's green group, the primary's blue one) and, behind a load
     * balancer, {@code {{loadBalancer}}}, in the format of their CloudWatch dimensions.
     */
    public Map<String, String> placeholders(Track track) {
        String group = track == Track.CANARY ? green : blue;
        Map<String, String> values = new LinkedHashMap<>();
        if (lattice) {
            values.put(LatticeRouter.TARGET_GROUP, LatticeRouter.idOf(group));
        } else {
            productionListener.ifPresent(listener -> values.putAll(AlbRouter.loadBalancerPlaceholders(listener)));
            values.put(AlbRouter.TARGET_GROUP, AlbRouter.targetGroupDimension(group));
        }
        return values;
    }
}
