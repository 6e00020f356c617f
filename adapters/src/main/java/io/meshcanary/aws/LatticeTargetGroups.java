package io.meshcanary.aws;

import io.meshcanary.model.BoundedName;
import io.meshcanary.spec.InvalidSpecException;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.vpclattice.VpcLatticeClient;
import software.amazon.awssdk.services.vpclattice.model.CreateTargetGroupResponse;
import software.amazon.awssdk.services.vpclattice.model.GetTargetGroupResponse;
import software.amazon.awssdk.services.vpclattice.model.HealthCheckConfig;
import software.amazon.awssdk.services.vpclattice.model.ResourceNotFoundException;
import software.amazon.awssdk.services.vpclattice.model.TargetGroupSummary;
import software.amazon.awssdk.services.vpclattice.model.TargetStatus;

/**
 * The VPC Lattice target groups of an app's two tracks. The primary's is created from the canary's settings and named
 * {@code <canary's name>-primary}; Lattice addresses target groups by ID or ARN only, so it is found again by name
 * among the groups of the canary's VPC.
 */
final class LatticeTargetGroups {

    private static final int MAX_NAME = 128;
    /** VPC Lattice API reference, CreateTargetGroup: clientToken is 1 to 64 characters. */
    private static final int MAX_CLIENT_TOKEN = 64;

    private final VpcLatticeClient lattice;

    LatticeTargetGroups(VpcLatticeClient lattice) {
        this.lattice = lattice;
    }

    /**
     * The primary's target group, created like the canary's unless it exists. The canary's must check its targets'
     * health: with health checks disabled, Lattice lists every target UNAVAILABLE, never HEALTHY (ListTargets,
     * TargetSummary.status), so the twin's group would never be given traffic.
     */
    TargetGroupSummary ensurePrimary(String canaryArn) {
        GetTargetGroupResponse canary = checkCanary(canaryArn);
        String name = TargetGroupNames.primary(canary.name(), MAX_NAME);
        return find(canary, name).orElseGet(() -> create(canary, name));
    }

    /** The canary's target group, refused by name if it does not exist or checks no health. */
    GetTargetGroupResponse checkCanary(String canaryArn) {
        GetTargetGroupResponse canary = describe(canaryArn);
        HealthCheckConfig health = canary.config() == null ? null : canary.config().healthCheck();
        if (health != null && Boolean.FALSE.equals(health.enabled())) {
            throw new InvalidSpecException("router.targetGroupArn", ("target group %s has health checks disabled:"
                    + " Lattice never reports its targets healthy, so no traffic could move to the twin; enable"
                    + " them").formatted(canaryArn));
        }
        return canary;
    }

    /** The primary's target group, if it was created. */
    Optional<TargetGroupSummary> primary(String canaryArn) {
        GetTargetGroupResponse canary = describe(canaryArn);
        return find(canary, TargetGroupNames.primary(canary.name(), MAX_NAME));
    }

    /** The targets of the group that Lattice reports healthy. */
    int healthyTargets(String group) {
        try {
            return (int) lattice.listTargetsPaginator(request -> request.targetGroupIdentifier(group)).items().stream()
                    .filter(target -> target.status() == TargetStatus.HEALTHY).count();
        } catch (RuntimeException e) {
            throw new RoutingException("list targets of " + group, e);
        }
    }

    /** Deletes the primary's target group, if it was created. */
    void deletePrimary(String canaryArn) {
        primary(canaryArn).ifPresent(group -> {
            try {
                lattice.deleteTargetGroup(request -> request.targetGroupIdentifier(group.id()));
            } catch (ResourceNotFoundException gone) {
                // Deleted meanwhile: a retried offboarding finds it gone.
            } catch (RuntimeException e) {
                throw new RoutingException("delete target group " + group.arn(), e);
            }
        });
    }

    /** The app's own target group, which the spec names. */
    private GetTargetGroupResponse describe(String arn) {
        try {
            return lattice.getTargetGroup(request -> request.targetGroupIdentifier(arn));
        } catch (ResourceNotFoundException e) {
            throw new InvalidSpecException("router.targetGroupArn", "names no target group the stack can find: "
                    + arn);
        } catch (RuntimeException e) {
            throw new RoutingException("get target group " + arn, e);
        }
    }

    private Optional<TargetGroupSummary> find(GetTargetGroupResponse canary, String name) {
        String vpc = canary.config().vpcIdentifier();
        return lattice.listTargetGroupsPaginator(request -> request.vpcIdentifier(vpc)).items().stream()
                .filter(group -> group.name().equals(name)).findFirst();
    }

    /** The client token makes a retried create return the same group rather than a second one. */
    private TargetGroupSummary create(GetTargetGroupResponse canary, String name) {
        try {
            CreateTargetGroupResponse created = lattice.createTargetGroup(request -> request.name(name)
                    .type(canary.type()).config(canary.config()).clientToken(BoundedName.fit(name, MAX_CLIENT_TOKEN))
                    .tags(Map.of(EcsServiceControl.MANAGED_TAG, "meshcanary")));
            return TargetGroupSummary.builder().id(created.id()).arn(created.arn()).name(created.name()).build();
        } catch (RuntimeException e) {
            throw new RoutingException("create target group %s like %s".formatted(name, canary.arn()), e);
        }
    }
}
