package io.meshcanary.aws;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;

/**
 * The CloudWatch metric alarms that trigger step scaling policies, copied for the twin. A step policy acts only when
 * an alarm names its ARN among the alarm's actions, and the team's alarms name the team's policies and watch the
 * team's service; each copy, {@code <alarm>-primary}, watches the twin and calls the twin's policy instead. A copy is
 * told from any other alarm by that suffix and an action on one of the twin's scaling policies.
 */
public final class ScalingAlarmCopies {

    static final String COPY_SUFFIX = "-primary";
    /** CloudWatch's limit on an alarm's name. */
    static final int MAX_NAME = 255;
    /** DeleteAlarms' limit on names per call. */
    private static final int DELETE_BATCH = 100;
    /** ECS metrics name the cluster too, whose name may be the service's: it is not the service. */
    private static final String CLUSTER_DIMENSION = "ClusterName";

    private final CloudWatchClient cloudWatch;

    public ScalingAlarmCopies(CloudWatchClient cloudWatch) {
        this.cloudWatch = cloudWatch;
    }

    /**
     * Gives every metric alarm that acts on one of the team's step policies a copy for the twin, and deletes the
     * twin's copies whose alarm is gone.
     *
     * @param policies the team's step policies' ARNs, each to the ARN of its copy on the twin
     * @param twinResourceId the twin's scalable target, {@code service/<cluster>/<twin>}
     */
    public void copy(String app, String twin, String twinResourceId, Map<String, String> policies) {
        List<MetricAlarm> alarms = metricAlarms();
        Set<String> copies = new HashSet<>();
        alarms.stream().filter(alarm -> actions(alarm).anyMatch(policies::containsKey)).forEach(alarm -> {
            String name = copyName(alarm.alarmName());
            put(alarm, name, app, twin, policies);
            copies.add(name);
        });
        delete(alarms.stream().filter(alarm -> isCopy(alarm, twinResourceId) && !copies.contains(alarm.alarmName()))
                .map(MetricAlarm::alarmName).toList());
    }

    /** Deletes the copies that act on the policies of {@code twinResourceId}; none is no error. */
    public void remove(String twinResourceId) {
        delete(metricAlarms().stream().filter(alarm -> isCopy(alarm, twinResourceId)).map(MetricAlarm::alarmName)
                .toList());
    }

    /** {@code <alarm>-primary}; a name too long for that is cut, and keeps a digest of the whole to stay unique. */
    static String copyName(String alarm) {
        String name = alarm + COPY_SUFFIX;
        if (name.length() <= MAX_NAME) {
            return name;
        }
        String digest = "-%08x".formatted(alarm.hashCode());
        return alarm.substring(0, MAX_NAME - COPY_SUFFIX.length() - digest.length()) + digest + COPY_SUFFIX;
    }

    private void put(MetricAlarm alarm, String name, String app, String twin, Map<String, String> policies) {
        List<MetricDataQuery> metrics = alarm.hasMetrics() && !alarm.metrics().isEmpty()
                ? alarm.metrics().stream().map(query -> watching(query, app, twin)).toList() : null;
        try {
            cloudWatch.putMetricAlarm(request -> request.alarmName(name).alarmDescription(alarm.alarmDescription())
                    .actionsEnabled(alarm.actionsEnabled())
                    .alarmActions(retarget(alarm.alarmActions(), policies))
                    .okActions(retarget(alarm.okActions(), policies))
                    .insufficientDataActions(retarget(alarm.insufficientDataActions(), policies))
                    .namespace(alarm.namespace()).metricName(alarm.metricName())
                    .statistic(alarm.statisticAsString()).extendedStatistic(alarm.extendedStatistic())
                    .dimensions(watching(alarm.dimensions(), app, twin)).period(alarm.period())
                    .unit(alarm.unitAsString()).evaluationPeriods(alarm.evaluationPeriods())
                    .datapointsToAlarm(alarm.datapointsToAlarm()).threshold(alarm.threshold())
                    .comparisonOperator(alarm.comparisonOperatorAsString())
                    .treatMissingData(alarm.treatMissingData())
                    .evaluateLowSampleCountPercentile(alarm.evaluateLowSampleCountPercentile())
                    .metrics(metrics).thresholdMetricId(alarm.thresholdMetricId()));
        } catch (RuntimeException e) {
            throw new IllegalStateException("copy alarm %s to %s".formatted(alarm.alarmName(), name), e);
        }
    }

    private void delete(List<String> names) {
        for (int from = 0; from < names.size(); from += DELETE_BATCH) {
            List<String> batch = names.subList(from, Math.min(names.size(), from + DELETE_BATCH));
            try {
                cloudWatch.deleteAlarms(request -> request.alarmNames(batch));
            } catch (RuntimeException e) {
                throw new IllegalStateException("delete alarms " + batch, e);
            }
        }
    }

    private List<MetricAlarm> metricAlarms() {
        List<MetricAlarm> alarms = new ArrayList<>();
        cloudWatch.describeAlarmsPaginator(request -> request.alarmTypes(AlarmType.METRIC_ALARM)).metricAlarms()
                .forEach(alarms::add);
        return alarms;
    }

    /**
     * A copy carries the suffix and acts on a policy of the twin's scalable target, whose ARN ends
     * {@code :resource/ecs/<resource id>:policyName/<name>}, even once that policy is gone.
     */
    private static boolean isCopy(MetricAlarm alarm, String twinResourceId) {
        String policyOfTwin = ":resource/ecs/%s:policyName/".formatted(twinResourceId);
        return alarm.alarmName().endsWith(COPY_SUFFIX) && actions(alarm).anyMatch(action -> action.contains(policyOfTwin));
    }

    private static Stream<String> actions(MetricAlarm alarm) {
        return Stream.of(alarm.alarmActions(), alarm.okActions(), alarm.insufficientDataActions())
                .flatMap(List::stream);
    }

    /** The team's policies become the twin's; other actions (SNS topics, say) stay as they are. */
    private static List<String> retarget(List<String> actions, Map<String, String> policies) {
        return actions.stream().map(action -> policies.getOrDefault(action, action)).toList();
    }

    private static MetricDataQuery watching(MetricDataQuery query, String app, String twin) {
        MetricStat stat = query.metricStat();
        if (stat == null) {
            return query;
        }
        return query.toBuilder().metricStat(stat.toBuilder().metric(stat.metric().toBuilder()
                .dimensions(watching(stat.metric().dimensions(), app, twin)).build()).build()).build();
    }

    private static List<Dimension> watching(List<Dimension> dimensions, String app, String twin) {
        return dimensions.stream().map(dimension -> !CLUSTER_DIMENSION.equals(dimension.name())
                && app.equals(dimension.value()) ? dimension.toBuilder().value(twin).build() : dimension).toList();
    }
}
