package io.meshcanary.aws;

import io.meshcanary.analysis.AlarmState;
import io.meshcanary.port.MetricsReader;
import io.meshcanary.spec.MetricCheck;
import io.meshcanary.spec.MetricQuery;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/** Alarm states and GetMetricData queries, one call each per analysis. */
public final class CloudWatchMetrics implements MetricsReader {

    private final CloudWatchClient cloudWatch;

    public CloudWatchMetrics(CloudWatchClient cloudWatch) {
        this.cloudWatch = cloudWatch;
    }

    @Override
    public Map<String, AlarmState> alarmStates(Collection<String> alarmNames) {
        if (alarmNames.isEmpty()) {
            return Map.of();
        }
        // Without AlarmTypes, DescribeAlarms answers metric alarms only: a composite alarm would look missing.
        Map<String, AlarmState> states = new HashMap<>();
        for (DescribeAlarmsResponse page : cloudWatch.describeAlarmsPaginator(request -> request
                .alarmNames(alarmNames).alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM))) {
            page.metricAlarms().forEach(alarm -> states.put(alarm.alarmName(), state(alarm.stateValue())));
            page.compositeAlarms().forEach(alarm -> states.put(alarm.alarmName(), state(alarm.stateValue())));
        }
        return states;
    }

    private static AlarmState state(StateValue value) {
        return switch (value) {
            case ALARM -> AlarmState.ALARM;
            case OK -> AlarmState.OK;
            // An unknown future state is no pass either.
            default -> AlarmState.INSUFFICIENT_DATA;
        };
    }

    @Override
    public List<Double> datapoints(MetricCheck check, Instant end) {
        List<MetricDataQuery> queries = check.queries().stream().map(query -> toQuery(query, check)).toList();
        String returned = check.queries().stream().filter(MetricQuery::returnData).findFirst().orElseThrow().id();
        return cloudWatch.getMetricDataPaginator(request -> request.metricDataQueries(queries)
                        .startTime(end.minusSeconds(check.windowSeconds())).endTime(end))
                .metricDataResults().stream()
                .filter(result -> result.id().equals(returned))
                .map(MetricDataResult::values)
                .flatMap(List::stream)
                .toList();
    }

    private static MetricDataQuery toQuery(MetricQuery query, MetricCheck check) {
        MetricDataQuery.Builder builder = MetricDataQuery.builder().id(query.id()).returnData(query.returnData());
        query.expression().ifPresent(expression -> builder.expression(expression).period(check.periodSeconds()));
        query.metric().ifPresent(metric -> builder.metricStat(stat -> stat
                .period(check.periodSeconds())
                .stat(metric.stat())
                .metric(m -> m.namespace(metric.namespace()).metricName(metric.metricName())
                        .dimensions(metric.dimensions().entrySet().stream()
                                .map(dimension -> Dimension.builder().name(dimension.getKey())
                                        .value(dimension.getValue()).build())
                                .toList()))));
        return builder.build();
    }
}
