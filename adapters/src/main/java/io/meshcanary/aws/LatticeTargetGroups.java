package io.meshcanary.aws;

import io.meshcanary.model.BoundedName;
import io.meshcanary.spec.InvalidSpecException;
import java.util.List;
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
 * The VPC Lattice target groups of an app's two tracks, and of a judge's equal baseline. The primary's is created from
 * the canary's settings and named {@code <canary's name>-primary}, the baseline's alike as {@code <canary's
 * name>-baseline}; Lattice addresses target groups by ID or ARN only, so each is found again by name among the groups
 * of the canary's VPC.
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
        return ensure(canaryArn, TargetGroupNames::primary);
    }

    /** The baseline's target group, as {@link #ensurePrimary} makes the primary's. */
    TargetGroupSummary ensureBaseline(String canaryArn) {
        return ensure(canaryArn, TargetGroupNames::baseline);
    }

    private TargetGroupSummary ensure(String canaryArn, Naming naming) {
        GetTargetGroupResponse canary = checkCanary(canaryArn);
        String name = naming.name(canary.name(), MAX_NAME);
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
        return made(canaryArn).primary();
    }

    /** The baseline's target group, if it was created. */
    Optional<TargetGroupSummary> baseline(String canaryArn) {
        return made(canaryArn).baseline();
    }

    /** The primary's and the baseline's target groups, as far as they were created, read in one listing. */
    Made made(String canaryArn) {
        GetTargetGroupResponse canary = describe(canaryArn);
        String primary = TargetGroupNames.primary(canary.name(), MAX_NAME);
        String baseline = TargetGroupNames.baseline(canary.name(), MAX_NAME);
        List<TargetGroupSummary> groups = inVpcOf(canary);
        return new Made(groups.stream().filter(group -> group.name().equals(primary)).findFirst(),
                groups.stream().filter(group -> group.name().equals(baseline)).findFirst());
    }

    /** The groups meshcanary made beside the canary's. */
    record Made(Optional<TargetGroupSummary> primary, Optional<TargetGroupSummary> baseline) {
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
        primary(canaryArn).ifPresent(this::delete);
    }

    /** Deletes the baseline's target group, if it was created. */
    void deleteBaseline(String canaryArn) {
        baseline(canaryArn).ifPresent(this::delete);
    }

    private void delete(TargetGroupSummary group) {
        try {
            lattice.deleteTargetGroup(request -> request.targetGroupIdentifier(group.id()));
        } catch (ResourceNotFoundException gone) {
            // Deleted meanwhile: a retried offboarding finds it gone.
        } catch (RuntimeException e) {
            throw new RoutingException("delete target group " + group.arn(), e);
        }
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
        return inVpcOf(canary).stream().filter(group -> group.name().equals(name)).findFirst();
    }

    private List<TargetGroupSummary> inVpcOf(GetTargetGroupResponse canary) {
        String vpc = canary.config().vpcIdentifier();
        return lattice.listTargetGroupsPaginator(request -> request.vpcIdentifier(vpc)).items().stream().toList();
    }

    /** How a group meshcanary makes is named after the canary's, within Lattice's limit. */
    @FunctionalInterface
    private interface Naming {
        String name(String canaryName, int maxLength);
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
