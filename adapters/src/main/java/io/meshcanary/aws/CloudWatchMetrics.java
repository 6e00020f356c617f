package io.meshcanary.aws;

import io.meshcanary.port.MetricsReader;
import io.meshcanary.spec.MetricCheck;
import io.meshcanary.spec.MetricQuery;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
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
    public Set<String> inAlarm(Collection<String> alarmNames) {
        if (alarmNames.isEmpty()) {
            return Set.of();
        }
        return cloudWatch.describeAlarmsPaginator(request -> request.alarmNames(alarmNames)
                        .stateValue(StateValue.ALARM))
                .metricAlarms().stream()
                // Filtered here as well: the state filter is the one a fake or emulator most likely ignores.
                .filter(alarm -> alarm.stateValue() == StateValue.ALARM)
                .map(MetricAlarm::alarmName)
                .collect(Collectors.toUnmodifiableSet());
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
