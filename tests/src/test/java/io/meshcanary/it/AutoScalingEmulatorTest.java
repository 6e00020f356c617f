package io.meshcanary.it;

import static io.meshcanary.it.Emulator.AWS;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ScheduledAction;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

/**
 * The team's service scales with Application Auto Scaling before onboarding. The twin, which then carries production
 * traffic, must scale the same way, and the team's service, at zero between rollouts, must not be scaled back up.
 */
class AutoScalingEmulatorTest {

    @Test
    void theTwinGetsTheTeamsScalingAndTheTeamsServiceIsHeldAtZeroBetweenRollouts() {
        CanaryApp app = new CanaryApp();
        String team = app.createScaledService(app.registerRevision("orders:1"), 2, 6);
        AWS.autoScaling.putScalingPolicy(request -> request.serviceNamespace(ServiceNamespace.ECS)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).resourceId(team)
                .policyName("cpu-60").policyType(PolicyType.TARGET_TRACKING_SCALING)
                .targetTrackingScalingPolicyConfiguration(config -> config.targetValue(60.0)
                        .predefinedMetricSpecification(metric -> metric
                                .predefinedMetricType(MetricType.ECS_SERVICE_AVERAGE_CPU_UTILIZATION))));
        AWS.autoScaling.putScheduledAction(request -> request.serviceNamespace(ServiceNamespace.ECS)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).resourceId(team)
                .scheduledActionName("business-hours").schedule("cron(0 8 ? * MON-FRI *)")
                .scalableTargetAction(action -> action.minCapacity(4).maxCapacity(6)));
        app.onboard(app.spec());

        String v2 = app.registerRevision("orders:2");
        app.deploy(v2);
        app.awaitRollout(v2, "SUCCEEDED");

        String twin = "service/%s/%s-primary".formatted(app.cluster, app.app);
        ScalableTarget copied = CanaryApp.scalableTarget(twin).orElseThrow();
        assertThat(copied.minCapacity()).isEqualTo(2);
        assertThat(copied.maxCapacity()).isEqualTo(6);
        assertThat(policy(twin).policyType()).isEqualTo(PolicyType.TARGET_TRACKING_SCALING);
        assertThat(policy(twin).targetTrackingScalingPolicyConfiguration())
                .isEqualTo(policy(team).targetTrackingScalingPolicyConfiguration());
        assertThat(scheduled(twin).schedule()).isEqualTo("cron(0 8 ? * MON-FRI *)");
        assertThat(scheduled(twin).scalableTargetAction().minCapacity()).isEqualTo(4);
        assertHeld(CanaryApp.scalableTarget(team).orElseThrow());
        assertThat(app.service(app.app).orElseThrow().desiredCount()).isZero();

        app.reportErrorRate(0.2);
        String v3 = app.registerRevision("orders:3");
        app.deploy(v3);
        app.awaitStep(v3, 1);
        ScalableTarget during = CanaryApp.scalableTarget(team).orElseThrow();
        assertThat(during.minCapacity()).as("the team's minimum while the canary runs").isEqualTo(2);
        assertThat(during.suspendedState().dynamicScalingOutSuspended()).isFalse();
        app.awaitRollout(v3, "SUCCEEDED");
        assertHeld(CanaryApp.scalableTarget(team).orElseThrow());
        assertThat(CanaryApp.scalableTarget(twin).orElseThrow().minCapacity()).isEqualTo(2);
    }

    private static void assertHeld(ScalableTarget target) {
        assertThat(target.minCapacity()).as("minimum of the team's service between rollouts").isZero();
        assertThat(target.maxCapacity()).isEqualTo(6);
        assertThat(target.suspendedState().dynamicScalingOutSuspended()).isTrue();
        assertThat(target.suspendedState().scheduledScalingSuspended()).isTrue();
    }

    private static ScalingPolicy policy(String resourceId) {
        return AWS.autoScaling.describeScalingPolicies(request -> request.serviceNamespace(ServiceNamespace.ECS)
                .resourceId(resourceId)).scalingPolicies().stream()
                .filter(policy -> policy.policyName().equals("cpu-60")).findFirst().orElseThrow();
    }

    private static ScheduledAction scheduled(String resourceId) {
        return AWS.autoScaling.describeScheduledActions(request -> request.serviceNamespace(ServiceNamespace.ECS)
                .resourceId(resourceId)).scheduledActions().stream()
                .filter(action -> action.scheduledActionName().equals("business-hours")).findFirst().orElseThrow();
    }
}
