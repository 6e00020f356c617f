package io.meshcanary.aws;

import io.meshcanary.analysis.AlarmState;
import io.meshcanary.judge.JudgeSamples;
import io.meshcanary.port.MetricsReader;
import io.meshcanary.spec.Judge;
import io.meshcanary.spec.JudgeMetric;
import io.meshcanary.spec.MetricCheck;
import io.meshcanary.spec.MetricQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/** Alarm states and GetMetricData queries: one call each per analysis, and for a judge as few as its limits allow. */
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
    public JudgeSamples judgeSamples(Judge judge, Map<String, String> canary, Map<String, String> baseline,
            Instant end) {
        int period = judge.periodSeconds();
        int periods = judge.windowSeconds() / period;
        // Whole periods on CloudWatch's grid, so that each datapoint's timestamp names its slot.
        Instant last = Instant.ofEpochSecond(Math.floorDiv(end.getEpochSecond(), period) * period);
        Instant first = last.minusSeconds((long) periods * period);
        List<SeriesRead> reads = new ArrayList<>();
        for (int i = 0; i < judge.metrics().size(); i++) {
            JudgeMetric metric = judge.metrics().get(i);
            reads.add(new SeriesRead(metric.name(), true, "c" + i + "_", metric.resolve(canary)));
            reads.add(new SeriesRead(metric.name(), false, "b" + i + "_", metric.resolve(baseline)));
        }
        Map<String, Double[]> series = new HashMap<>();
        for (List<SeriesRead> batch : SeriesRead.batches(reads, periods)) {
            List<MetricDataQuery> queries = batch.stream().flatMap(read -> read.prefixed().stream())
                    .map(query -> toQuery(query, period)).toList();
            cloudWatch.getMetricDataPaginator(request -> request.metricDataQueries(queries).startTime(first)
                            .endTime(last).scanBy(ScanBy.TIMESTAMP_ASCENDING))
                    .metricDataResults().forEach(result -> {
                        Double[] slots = series.computeIfAbsent(result.id(), id -> new Double[periods]);
                        for (int k = 0; k < result.timestamps().size(); k++) {
                            long slot = Duration.between(first, result.timestamps().get(k)).getSeconds() / period;
                            if (slot >= 0 && slot < periods) {
                                slots[(int) slot] = result.values().get(k);
                            }
                        }
                    });
        }
        Map<String, List<Double>> canarySeries = new LinkedHashMap<>();
        Map<String, List<Double>> baselineSeries = new LinkedHashMap<>();
        for (SeriesRead read : reads) {
            List<Double> values = Arrays.asList(series.getOrDefault(read.sampledId(), new Double[periods]));
            (read.canary() ? canarySeries : baselineSeries).put(read.metric(), values);
        }
        return new JudgeSamples(canarySeries, baselineSeries);
    }

    @Override
    public List<Double> datapoints(MetricCheck check, Instant end) {
        List<MetricDataQuery> queries = check.queries().stream()
                .map(query -> toQuery(query, check.periodSeconds())).toList();
        String returned = check.queries().stream().filter(MetricQuery::returnData).findFirst().orElseThrow().id();
        return cloudWatch.getMetricDataPaginator(request -> request.metricDataQueries(queries)
                        .startTime(end.minusSeconds(check.windowSeconds())).endTime(end))
                .metricDataResults().stream()
                .filter(result -> result.id().equals(returned))
                .map(MetricDataResult::values)
                .flatMap(List::stream)
                .toList();
    }

    private static MetricDataQuery toQuery(MetricQuery query, int periodSeconds) {
        MetricDataQuery.Builder builder = MetricDataQuery.builder().id(query.id()).returnData(query.returnData());
        query.expression().ifPresent(expression -> builder.expression(expression).period(periodSeconds));
        query.metric().ifPresent(metric -> builder.metricStat(stat -> stat
                .period(periodSeconds)
                .stat(metric.stat())
                .metric(m -> m.namespace(metric.namespace()).metricName(metric.metricName())
                        .dimensions(metric.dimensions().entrySet().stream()
                                .map(dimension -> Dimension.builder().name(dimension.getKey())
                                        .value(dimension.getValue()).build())
                                .toList()))));
        return builder.build();
    }
}
