package io.meshcanary.aws;

import io.meshcanary.port.ServiceScaling;
import io.meshcanary.rollout.TwinAttachment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.PredefinedMetricSpecification;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ScheduledAction;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.SuspendedState;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingScalingPolicyConfiguration;

/**
 * ECS services' desired count as Application Auto Scaling scales it: scalable target {@code service/<cluster>/<name>},
 * dimension {@code ecs:service:DesiredCount}. A step scaling policy acts only through the CloudWatch alarms that name
 * it, so the twin's copy of one gets copies of the team's alarms ({@link ScalingAlarmCopies}); a target tracking
 * policy's alarms are Application Auto Scaling's own, made for the twin's copy as for any.
 */
public final class AutoScalingServiceScaling implements ServiceScaling {

    private static final SuspendedState HELD = SuspendedState.builder().dynamicScalingInSuspended(true)
            .dynamicScalingOutSuspended(true).scheduledScalingSuspended(true).build();
    private static final SuspendedState ACTIVE = SuspendedState.builder().dynamicScalingInSuspended(false)
            .dynamicScalingOutSuspended(false).scheduledScalingSuspended(false).build();

    private final ApplicationAutoScalingClient scaling;
    private final ScalingAlarmCopies alarms;

    public AutoScalingServiceScaling(ApplicationAutoScalingClient scaling, ScalingAlarmCopies alarms) {
        this.scaling = scaling;
        this.alarms = alarms;
    }

    @Override
    public void copyToTwin(String cluster, String app, String twin, TwinAttachment attachment) {
        Optional<ScalableTarget> team = target(cluster, app);
        if (team.isEmpty()) {
            return;
        }
        String to = resourceId(cluster, twin);
        Optional<ScalableTarget> copied = target(cluster, twin);
        boolean held = isHeld(team.get());
        int min = held && copied.isPresent() ? copied.get().minCapacity() : team.get().minCapacity();
        int max = held && copied.isPresent() ? copied.get().maxCapacity() : team.get().maxCapacity();
        try {
            scaling.registerScalableTarget(request -> request.serviceNamespace(ServiceNamespace.ECS)
                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).resourceId(to)
                    .minCapacity(min).maxCapacity(max).suspendedState(ACTIVE));
            List<ScalingPolicy> policies = policies(resourceId(cluster, app));
            Map<String, String> stepPolicies = new HashMap<>();
            for (ScalingPolicy policy : policies) {
                String copy = scaling.putScalingPolicy(request -> request
                        .serviceNamespace(ServiceNamespace.ECS).scalableDimension(policy.scalableDimension())
                        .resourceId(to).policyName(policy.policyName()).policyType(policy.policyType())
                        .targetTrackingScalingPolicyConfiguration(
                                forTwin(policy.targetTrackingScalingPolicyConfiguration(), attachment))
                        .stepScalingPolicyConfiguration(policy.stepScalingPolicyConfiguration())).policyARN();
                if (policy.policyType() == PolicyType.STEP_SCALING) {
                    stepPolicies.put(policy.policyARN(), copy);
                }
            }
            Set<String> names = policies.stream().map(ScalingPolicy::policyName).collect(Collectors.toSet());
            policies(to).stream().filter(policy -> !names.contains(policy.policyName()))
                    .forEach(policy -> scaling.deleteScalingPolicy(request -> request
                            .serviceNamespace(ServiceNamespace.ECS).scalableDimension(policy.scalableDimension())
                            .resourceId(to).policyName(policy.policyName())));
            List<ScheduledAction> actions = scheduledActions(resourceId(cluster, app));
            actions.forEach(action -> scaling.putScheduledAction(request -> request
                    .serviceNamespace(ServiceNamespace.ECS).scalableDimension(action.scalableDimension())
                    .resourceId(to).scheduledActionName(action.scheduledActionName()).schedule(action.schedule())
                    .timezone(action.timezone()).startTime(action.startTime()).endTime(action.endTime())
                    .scalableTargetAction(action.scalableTargetAction())));
            Set<String> scheduled = actions.stream().map(ScheduledAction::scheduledActionName)
                    .collect(Collectors.toSet());
            scheduledActions(to).stream().filter(action -> !scheduled.contains(action.scheduledActionName()))
                    .forEach(action -> scaling.deleteScheduledAction(request -> request
                            .serviceNamespace(ServiceNamespace.ECS).scalableDimension(action.scalableDimension())
                            .resourceId(to).scheduledActionName(action.scheduledActionName())));
            alarms.copy(app, twin, to, stepPolicies);
        } catch (RuntimeException e) {
            throw new IllegalStateException("copy the scaling of %s to %s".formatted(resourceId(cluster, app), to), e);
        }
    }

    /**
     * A request count per target names the target group it counts in its resource label,
     * {@code app/<balancer>/<id>/targetgroup/<group>/<id>} (PredefinedMetricSpecification, Application Auto Scaling API
     * Reference): counted on the team's group, the twin would scale on the canary's traffic. The twin's group is on
     * the same rule, so of the same balancer.
     */
    static TargetTrackingScalingPolicyConfiguration forTwin(TargetTrackingScalingPolicyConfiguration configuration,
            TwinAttachment attachment) {
        PredefinedMetricSpecification metric = configuration == null ? null
                : configuration.predefinedMetricSpecification();
        if (metric == null || metric.resourceLabel() == null
                || !(attachment instanceof TwinAttachment.LoadBalancer groups)) {
            return configuration;
        }
        String team = groupLabel(groups.canaryTargetGroup());
        if (!metric.resourceLabel().endsWith("/" + team)) {
            return configuration;
        }
        String balancer = metric.resourceLabel().substring(0, metric.resourceLabel().length() - team.length());
        return configuration.toBuilder().predefinedMetricSpecification(metric.toBuilder()
                .resourceLabel(balancer + groupLabel(groups.primaryTargetGroup())).build()).build();
    }

    /** {@code targetgroup/<name>/<id>}, the target group's part of a resource label, from the group's ARN. */
    private static String groupLabel(String targetGroupArn) {
        return targetGroupArn.substring(targetGroupArn.lastIndexOf(':') + 1);
    }

    @Override
    public void hold(String cluster, String service) {
        target(cluster, service).filter(target -> !isHeld(target)).ifPresent(target -> register(target, 0,
                target.maxCapacity(), HELD));
    }

    @Override
    public void release(String cluster, String service, String twin) {
        Optional<ScalableTarget> target = target(cluster, service).filter(AutoScalingServiceScaling::isHeld);
        if (target.isPresent()) {
            int min = target(cluster, twin).map(ScalableTarget::minCapacity).orElse(0);
            register(target.get(), Math.min(min, target.get().maxCapacity()), target.get().maxCapacity(), ACTIVE);
        }
    }

    @Override
    public void remove(String cluster, String service) {
        // The alarm copies first: deregistering the target does not delete them, and they are found without it.
        alarms.remove(resourceId(cluster, service));
        target(cluster, service).ifPresent(target -> scaling.deregisterScalableTarget(request -> request
                .serviceNamespace(ServiceNamespace.ECS).scalableDimension(target.scalableDimension())
                .resourceId(target.resourceId())));
    }

    /** meshcanary's hold: no minimum and nothing that scales. */
    private static boolean isHeld(ScalableTarget target) {
        SuspendedState state = target.suspendedState();
        return target.minCapacity() == 0 && state != null && Boolean.TRUE.equals(state.dynamicScalingOutSuspended())
                && Boolean.TRUE.equals(state.scheduledScalingSuspended());
    }

    private void register(ScalableTarget target, int min, int max, SuspendedState state) {
        try {
            scaling.registerScalableTarget(request -> request.serviceNamespace(ServiceNamespace.ECS)
                    .scalableDimension(target.scalableDimension()).resourceId(target.resourceId())
                    .minCapacity(min).maxCapacity(max).suspendedState(state));
        } catch (RuntimeException e) {
            throw new IllegalStateException("register scalable target " + target.resourceId(), e);
        }
    }

    private Optional<ScalableTarget> target(String cluster, String service) {
        return scaling.describeScalableTargets(request -> request.serviceNamespace(ServiceNamespace.ECS)
                        .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                        .resourceIds(resourceId(cluster, service)))
                .scalableTargets().stream().findFirst();
    }

    private List<ScalingPolicy> policies(String resourceId) {
        return scaling.describeScalingPoliciesPaginator(request -> request.serviceNamespace(ServiceNamespace.ECS)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).resourceId(resourceId))
                .scalingPolicies().stream().toList();
    }

    private List<ScheduledAction> scheduledActions(String resourceId) {
        return scaling.describeScheduledActionsPaginator(request -> request.serviceNamespace(ServiceNamespace.ECS)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).resourceId(resourceId))
                .scheduledActions().stream().toList();
    }

    private static String resourceId(String cluster, String service) {
        return "service/%s/%s".formatted(cluster, service);
    }
}
