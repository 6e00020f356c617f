package io.meshcanary.cli;

import io.meshcanary.aws.EcsPauseHooks;
import io.meshcanary.model.EcsArns;
import io.meshcanary.nativemode.NativeService;
import io.meshcanary.nativemode.UnfitServiceException;
import io.meshcanary.spec.CanarySpec;
import io.meshcanary.spec.InvalidSpecException;
import io.meshcanary.spec.Mode;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * Whether the stack can roll out a service with a spec: its cluster is the stack's, the service exists there with a
 * long ARN, and the router's resources the spec names exist and belong together, or, for a native spec, ECS deploys
 * the service in traffic steps and the spec's weights are among them. {@code onboard} refuses to store a spec that
 * fails, and {@code status} says why an app that never rolled out cannot.
 */
final class OnboardChecks {

    private final Operator operator;

    OnboardChecks(Operator operator) {
        this.operator = operator;
    }

    /** The first thing that keeps the stack from rolling the service out, in words; empty if nothing does. */
    Optional<String> problem(String cluster, String service, CanarySpec spec) {
        Optional<String> problem = unmanaged(cluster).or(() -> unservable(cluster, service));
        if (problem.isPresent()) {
            return problem;
        }
        try {
            if (spec.mode() == Mode.NATIVE) {
                NativeService found = nativeService(cluster, service);
                found.grid().requireOnGrid(spec.steps());
                if (!found.tellsRevisionsApart()) {
                    spec.requireNoRevisionPlaceholders(("which service %s cannot supply: Service Connect alone"
                            + " reaches it, and its CloudWatch metrics are per service, not per revision; check the"
                            + " app's own metric with a revision dimension instead (docs/modes.md)")
                            .formatted(service));
                }
            } else {
                operator.routers.bind(cluster, service, spec.router()).check();
            }
            return Optional.empty();
        } catch (InvalidSpecException | UnfitServiceException e) {
            return Optional.of(e.getMessage());
        }
    }

    private NativeService nativeService(String cluster, String service) {
        return new EcsPauseHooks(operator.clients.ecs()).read(cluster, service).orElseThrow(
                () -> new UnfitServiceException("service %s is gone from cluster %s".formatted(service, cluster)));
    }

    /**
     * The stack's rules and policies name its cluster as {@code cluster/<ClusterName>} in ARNs, where {@code *}
     * matches any characters (IAM's and EventBridge's wildcard; the local runtime's {@code shop*}).
     */
    private Optional<String> unmanaged(String cluster) {
        String managed = operator.stack.cluster();
        Pattern pattern = Pattern.compile(Pattern.quote(managed).replace("*", "\\E.*\\Q"));
        if (pattern.matcher(cluster).matches()) {
            return Optional.empty();
        }
        return Optional.of("cluster %s is not the one stack %s manages (%s): the stack never sees its deployments"
                .formatted(cluster, operator.stack.name(), managed));
    }

    private Optional<String> unservable(String cluster, String service) {
        Optional<Service> found;
        try {
            found = operator.clients.ecs().describeServices(request -> request.cluster(cluster).services(service))
                    .services().stream().filter(candidate -> !"INACTIVE".equals(candidate.status())).findFirst();
        } catch (ClusterNotFoundException e) {
            return Optional.of("cluster %s does not exist".formatted(cluster));
        }
        if (found.isEmpty()) {
            return Optional.of("service %s does not exist in cluster %s: create it, then onboard it".formatted(
                    service, cluster));
        }
        return shortArn(service, found.get());
    }

    /**
     * ECS announces a deployment with the service's ARN only, and the stack's rule matches
     * {@code service/<cluster>/*}: a service with a short ARN would never be rolled out, silently.
     */
    private static Optional<String> shortArn(String service, Service found) {
        if (EcsArns.isLongServiceArn(found.serviceArn())) {
            return Optional.empty();
        }
        return Optional.of(("service %s has a short ARN (%s): its deployment events name no cluster, so the stack"
                + " would never see them. Opt in to the long ARN format (aws ecs put-account-setting --name"
                + " serviceLongArnFormat --value enabled) and recreate the service").formatted(service,
                found.serviceArn()));
    }
}
