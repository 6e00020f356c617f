package io.meshcanary.it;

import static io.meshcanary.it.Emulator.AWS;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.analysis.CheckOutcome;
import io.meshcanary.analysis.JudgeEvaluation;
import io.meshcanary.analysis.JudgeReport;
import io.meshcanary.aws.CloudWatchMetrics;
import io.meshcanary.judge.Classification;
import io.meshcanary.judge.Direction;
import io.meshcanary.judge.JudgeSamples;
import io.meshcanary.judge.NanStrategy;
import io.meshcanary.spec.Judge;
import io.meshcanary.spec.JudgeMetric;
import io.meshcanary.spec.MetricQuery;
import io.meshcanary.spec.MetricStat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

/**
 * The judge's read side against the emulator's CloudWatch: both tracks of every metric, metric math included, in as
 * few GetMetricData calls as CloudWatch's limits allow, one value or gap per period, oldest first.
 */
class JudgeSamplesEmulatorTest {

    private static final int PERIOD = 10;
    private static final int PERIODS = 30;

    private final String namespace = "JudgeTest/" + UUID.randomUUID();
    // Names of their own as well: moto 5.2.5's GetMetricData drops the namespace filter when a query has dimensions.
    private final String canary = "orders-canary-" + UUID.randomUUID();
    private final String baseline = "orders-primary-" + UUID.randomUUID();
    private final AtomicInteger getMetricDataCalls = new AtomicInteger();
    private final CloudWatchMetrics reader = new CloudWatchMetrics(CloudWatchClient.builder()
            .region(Region.of(System.getenv().getOrDefault("AWS_REGION", "us-east-1")))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(config -> config.addExecutionInterceptor(new ExecutionInterceptor() {
                @Override
                public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                    if ("GetMetricData".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
                        getMetricDataCalls.incrementAndGet();
                    }
                }
            }))
            .build());
    /** The end of the window, on the period grid, so that slot k holds the datapoint put at start + k periods. */
    private final Instant end = Instant.ofEpochSecond(Instant.now().getEpochSecond() / PERIOD * PERIOD);
    private final Instant start = end.minusSeconds(PERIODS * PERIOD);

    @Test
    void bothTracksOfEveryMetricComeInOneCallAndALatencyShiftIsHigh() {
        Random random = new Random(42);
        List<Double> canaryLatency = new ArrayList<>();
        List<Double> baselineLatency = new ArrayList<>();
        for (int k = 0; k < PERIODS; k++) {
            canaryLatency.add(Math.round(130 * Math.exp(0.1 * random.nextGaussian()) * 10) / 10.0);
            baselineLatency.add(Math.round(100 * Math.exp(0.1 * random.nextGaussian()) * 10) / 10.0);
        }
        put("Latency", canary, canaryLatency);
        put("Latency", baseline, baselineLatency);
        // The canary's errors miss two periods, as a count does when nothing failed.
        List<Double> canaryErrors = new ArrayList<>(Collections.nCopies(PERIODS, 1.0));
        canaryErrors.set(4, null);
        canaryErrors.set(17, null);
        put("Errors", canary, canaryErrors);
        put("Errors", baseline, Collections.nCopies(PERIODS, 1.0));
        Judge judge = judge(List.of(latency(), errors("errors")));

        JudgeSamples samples = reader.judgeSamples(judge, Map.of("virtualNode", canary),
                Map.of("virtualNode", baseline), end.plusMillis(1500));

        assertThat(getMetricDataCalls).hasValue(1);
        assertThat(samples.canary("latency")).isEqualTo(canaryLatency);
        assertThat(samples.baseline("latency")).isEqualTo(baselineLatency);
        assertThat(samples.canary("errors")).isEqualTo(canaryErrors);
        assertThat(samples.baseline("errors")).containsOnly(1.0).hasSize(PERIODS);
        JudgeReport report = JudgeEvaluation.evaluate(judge, samples);
        assertThat(report.metrics()).extracting(metric -> metric.judgement().classification())
                .containsExactly(Classification.HIGH, Classification.PASS);
        assertThat(report.check().outcome()).isEqualTo(CheckOutcome.FAIL);
        assertThat(report.check().detail()).contains("latency High (ratio 1.3");
    }

    @Test
    void moreThanFiveHundredQueriesTakeASecondCallAndEveryMetricIsRead() {
        put("Errors", canary, Collections.nCopies(PERIODS, 2.0));
        put("Errors", baseline, Collections.nCopies(PERIODS, 3.0));
        List<JudgeMetric> metrics = new ArrayList<>();
        // 126 metrics of two queries each, on two tracks: 504 queries, four more than one call may hold.
        for (int i = 0; i < 126; i++) {
            metrics.add(errors("errors" + i));
        }

        JudgeSamples samples = reader.judgeSamples(judge(metrics), Map.of("virtualNode", canary),
                Map.of("virtualNode", baseline), end);

        assertThat(getMetricDataCalls).hasValue(2);
        for (JudgeMetric metric : metrics) {
            assertThat(samples.canary(metric.name())).as(metric.name()).containsOnly(2.0).hasSize(PERIODS);
            assertThat(samples.baseline(metric.name())).as(metric.name()).containsOnly(3.0).hasSize(PERIODS);
        }
    }

    private Judge judge(List<JudgeMetric> metrics) {
        return new Judge(metrics, Judge.Baseline.PRIMARY, 0.98, 95, 75, Judge.OnMarginal.FAIL, PERIOD,
                PERIODS * PERIOD, 20, false, Map.of());
    }

    private JudgeMetric latency() {
        return new JudgeMetric("latency", List.of(new MetricQuery("p", Optional.empty(), Optional.of(stat("Latency")),
                true)), Direction.INCREASE, 1.0, 1.0, false, false, "latency", NanStrategy.REMOVE, false);
    }

    /** The metric read through metric math, whose expression names the other query by its bare id. */
    private JudgeMetric errors(String name) {
        return new JudgeMetric(name, List.of(
                new MetricQuery("e", Optional.empty(), Optional.of(stat("Errors")), false),
                new MetricQuery("rate", Optional.of("e"), Optional.empty(), true)),
                Direction.INCREASE, 1.0, 1.0, false, false, "errors", NanStrategy.REPLACE, false);
    }

    private MetricStat stat(String metricName) {
        return new MetricStat(namespace, metricName, Map.of("VirtualNode", "{{virtualNode}}"), "Average");
    }

    /** One datapoint per period of the window, at the period's start; null puts none. */
    private void put(String metricName, String virtualNode, List<Double> values) {
        List<MetricDatum> data = new ArrayList<>();
        for (int k = 0; k < values.size(); k++) {
            if (values.get(k) != null) {
                Instant at = start.plusSeconds((long) k * PERIOD);
                double value = values.get(k);
                data.add(MetricDatum.builder().metricName(metricName).timestamp(at).value(value)
                        .dimensions(dimension -> dimension.name("VirtualNode").value(virtualNode)).build());
            }
        }
        AWS.cloudWatch.putMetricData(request -> request.namespace(namespace).metricData(data));
    }
}
