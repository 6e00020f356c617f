package io.meshcanary.it;

import static io.meshcanary.it.Emulator.AWS;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.aws.AlbRouterAdapter;
import io.meshcanary.aws.AutoScalingServiceScaling;
import io.meshcanary.aws.EcsServiceControl;
import io.meshcanary.aws.ScalingAlarmCopies;
import io.meshcanary.local.demo.AlbRule;
import io.meshcanary.local.demo.DemoShop;
import io.meshcanary.rollout.TwinAttachment;
import io.meshcanary.spec.AlbRouter;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.model.AdjustmentType;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ScheduledAction;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

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

    /**
     * A team's step scaling policy acts only through the CloudWatch alarms that name it, as a team's CloudFormation
     * sets them up: the twin's copy of the policy needs copies of those alarms, on the twin's metrics.
     */
    @Test
    void theTwinsStepPolicyIsTriggeredByCopiesOfTheTeamsAlarmsUntilOffboarding() {
        CanaryApp app = new CanaryApp();
        String team = app.createScaledService(app.registerRevision("orders:1"), 1, 4);
        String teamPolicy = AWS.autoScaling.putScalingPolicy(request -> request.serviceNamespace(ServiceNamespace.ECS)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).resourceId(team)
                .policyName("cpu-step").policyType(PolicyType.STEP_SCALING)
                .stepScalingPolicyConfiguration(config -> config.adjustmentType(AdjustmentType.CHANGE_IN_CAPACITY)
                        .cooldown(60).stepAdjustments(step -> step.metricIntervalLowerBound(0.0)
                                .scalingAdjustment(1)))).policyARN();
        String topic = "arn:aws:sns:us-east-1:123456789012:%s-ops".formatted(app.app);
        String high = app.app + "-cpu-high";
        String low = app.app + "-cpu-low";
        AWS.cloudWatch.putMetricAlarm(request -> request.alarmName(high).namespace("AWS/ECS")
                .metricName("CPUUtilization").statistic(Statistic.AVERAGE).period(60).evaluationPeriods(3)
                .datapointsToAlarm(2).threshold(70.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .treatMissingData("notBreaching").dimensions(dimension("ClusterName", app.cluster),
                        dimension("ServiceName", app.app))
                .alarmActions(teamPolicy, topic).okActions(topic));
        AWS.cloudWatch.putMetricAlarm(request -> request.alarmName(low).evaluationPeriods(5).threshold(20.0)
                .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                .metrics(MetricDataQuery.builder().id("cpu").returnData(false).metricStat(stat -> stat.period(60)
                                .stat("Average").metric(metric -> metric.namespace("AWS/ECS").metricName("CPUUtilization")
                                        .dimensions(dimension("ClusterName", app.cluster),
                                                dimension("ServiceName", app.app)))).build(),
                        MetricDataQuery.builder().id("half").expression("cpu / 2").returnData(true).build())
                .alarmActions(teamPolicy));
        app.onboard(app.spec());
        String v2 = app.registerRevision("orders:2");
        app.deploy(v2);
        app.awaitRollout(v2, "SUCCEEDED");

        String twin = app.app + "-primary";
        String twinPolicy = policyArn("service/%s/%s".formatted(app.cluster, twin), "cpu-step");
        MetricAlarm copy = alarm(high + "-primary").orElseThrow();
        MetricAlarm source = alarm(high).orElseThrow();
        assertThat(copy.alarmActions()).containsExactly(twinPolicy, topic);
        assertThat(copy.okActions()).containsExactly(topic);
        assertThat(copy.dimensions()).containsExactlyInAnyOrder(dimension("ClusterName", app.cluster),
                dimension("ServiceName", twin));
        assertThat(copy.toBuilder().alarmName(null).alarmArn(null).alarmActions(source.alarmActions())
                .dimensions(source.dimensions()).alarmConfigurationUpdatedTimestamp(null).stateUpdatedTimestamp(null)
                .build())
                .as("the copy's metric, threshold, periods and missing-data treatment")
                .isEqualTo(source.toBuilder().alarmName(null).alarmArn(null).alarmConfigurationUpdatedTimestamp(null)
                        .stateUpdatedTimestamp(null).build());
        assertThat(source.alarmActions()).as("the team's own alarm").containsExactly(teamPolicy, topic);
        MetricAlarm math = alarm(low + "-primary").orElseThrow();
        assertThat(math.alarmActions()).containsExactly(twinPolicy);
        assertThat(math.metrics().get(0).metricStat().metric().dimensions())
                .containsExactlyInAnyOrder(dimension("ClusterName", app.cluster), dimension("ServiceName", twin));
        assertThat(math.metrics().get(1).expression()).isEqualTo("cpu / 2");

        AWS.cloudWatch.deleteAlarms(request -> request.alarmNames(low));
        app.reportErrorRate(0.2);
        String v3 = app.registerRevision("orders:3");
        app.deploy(v3);
        app.awaitRollout(v3, "SUCCEEDED");
        assertThat(alarm(low + "-primary")).as("the copy of an alarm the team deleted").isEmpty();
        assertThat(alarm(high + "-primary").orElseThrow().alarmActions())
                .containsExactly(policyArn("service/%s/%s".formatted(app.cluster, twin), "cpu-step"), topic);

        assertThat(app.offboard("alarms").status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(alarm(high + "-primary")).as("the twin's alarm copy after offboarding").isEmpty();
        assertThat(alarm(high)).as("the team's alarm after offboarding").isPresent();
    }

    /**
     * A request count per target names the group it counts in its resource label: the team's, behind the ALB. The
     * twin carries the production traffic, and must scale on its own group's requests, not the canary's.
     */
    @Test
    void theTwinsRequestCountPolicyCountsTheTwinsTargetGroup() {
        DemoShop shop = new DemoShop(UUID.randomUUID().toString().substring(0, 8));
        AlbRule rule = new AlbRule(shop);
        rule.createService(shop.registerRevision("orders:1"));
        String team = "service/%s/%s".formatted(shop.cluster, shop.app);
        AWS.autoScaling.registerScalableTarget(request -> request.serviceNamespace(ServiceNamespace.ECS)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).resourceId(team)
                .minCapacity(1).maxCapacity(4));
        String balancer = AWS.elb.describeTargetGroups(request -> request.targetGroupArns(rule.targetGroup))
                .targetGroups().getFirst().loadBalancerArns().getFirst();
        String balancerLabel = balancer.substring(balancer.indexOf(":loadbalancer/") + ":loadbalancer/".length());
        AWS.autoScaling.putScalingPolicy(request -> request.serviceNamespace(ServiceNamespace.ECS)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).resourceId(team)
                .policyName("requests-1000").policyType(PolicyType.TARGET_TRACKING_SCALING)
                .targetTrackingScalingPolicyConfiguration(config -> config.targetValue(1000.0)
                        .predefinedMetricSpecification(metric -> metric
                                .predefinedMetricType(MetricType.ALB_REQUEST_COUNT_PER_TARGET)
                                .resourceLabel(balancerLabel + "/" + groupLabel(rule.targetGroup)))));
        TwinAttachment.LoadBalancer attachment = new AlbRouterAdapter(AWS.elb, AWS.ecs, shop.cluster, shop.app,
                new AlbRouter(rule.ruleArn, rule.targetGroup)).reconcile();
        new EcsServiceControl(AWS.ecs).createPrimaryTwin(shop.cluster, shop.app,
                shop.service(shop.app).orElseThrow().taskDefinition(), attachment);

        new AutoScalingServiceScaling(AWS.autoScaling, new ScalingAlarmCopies(AWS.cloudWatch))
                .copyToTwin(shop.cluster, shop.app, shop.app + "-primary", attachment);

        String twin = "service/%s/%s-primary".formatted(shop.cluster, shop.app);
        assertThat(policy(twin, "requests-1000").targetTrackingScalingPolicyConfiguration()
                .predefinedMetricSpecification().resourceLabel())
                .isEqualTo(balancerLabel + "/" + groupLabel(attachment.primaryTargetGroup()));
        assertThat(policy(team, "requests-1000").targetTrackingScalingPolicyConfiguration()
                .predefinedMetricSpecification().resourceLabel()).as("the team's own policy")
                .isEqualTo(balancerLabel + "/" + groupLabel(rule.targetGroup));
    }

    /** {@code targetgroup/<name>/<id>}, as a resource label names a target group. */
    private static String groupLabel(String targetGroupArn) {
        return targetGroupArn.substring(targetGroupArn.lastIndexOf(':') + 1);
    }

    private static void assertHeld(ScalableTarget target) {
        assertThat(target.minCapacity()).as("minimum of the team's service between rollouts").isZero();
        assertThat(target.maxCapacity()).isEqualTo(6);
        assertThat(target.suspendedState().dynamicScalingOutSuspended()).isTrue();
        assertThat(target.suspendedState().scheduledScalingSuspended()).isTrue();
    }

    private static ScalingPolicy policy(String resourceId) {
        return policy(resourceId, "cpu-60");
    }

    private static ScalingPolicy policy(String resourceId, String name) {
        return AWS.autoScaling.describeScalingPolicies(request -> request.serviceNamespace(ServiceNamespace.ECS)
                .resourceId(resourceId)).scalingPolicies().stream()
                .filter(policy -> policy.resourceId().equals(resourceId) && policy.policyName().equals(name))
                .findFirst().orElseThrow();
    }

    private static ScheduledAction scheduled(String resourceId) {
        return AWS.autoScaling.describeScheduledActions(request -> request.serviceNamespace(ServiceNamespace.ECS)
                .resourceId(resourceId)).scheduledActions().stream()
                .filter(action -> action.scheduledActionName().equals("business-hours")).findFirst().orElseThrow();
    }

    /** moto 5.2.5 filters on a resource id it contains, so the twin's query answers the team's policies too. */
    private static String policyArn(String resourceId, String name) {
        return AWS.autoScaling.describeScalingPolicies(request -> request.serviceNamespace(ServiceNamespace.ECS)
                        .resourceId(resourceId)).scalingPolicies().stream()
                .filter(policy -> policy.resourceId().equals(resourceId) && policy.policyName().equals(name))
                .map(ScalingPolicy::policyARN).findFirst().orElseThrow();
    }

    private static Optional<MetricAlarm> alarm(String name) {
        return AWS.cloudWatch.describeAlarms(request -> request.alarmNames(name)).metricAlarms().stream().findFirst();
    }

    private static Dimension dimension(String name, String value) {
        return Dimension.builder().name(name).value(value).build();
    }
}
