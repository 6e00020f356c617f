package io.meshcanary.it;

import static io.meshcanary.it.Emulator.AWS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.meshcanary.local.demo.AlbRule;
import io.meshcanary.local.demo.AlbTraffic;
import io.meshcanary.local.demo.DemoShop;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;

/**
 * GetMetricData through the SDK against the local runtime's metric-math stand-in (metric_math.py, whose own tests
 * cover each rule): its answers and its refusals reach a client as CloudWatch's do.
 */
class MetricMathEmulatorTest {

    private final DemoShop shop = new DemoShop(UUID.randomUUID().toString().substring(0, 8));
    private final AlbRule rule = new AlbRule(shop);
    private final AlbTraffic traffic = new AlbTraffic(shop, rule);
    private final Instant thisMinute = Instant.now().truncatedTo(ChronoUnit.MINUTES);

    @Test
    void filledErrorRateHasAValueForEveryMinuteWithRequestsNewestFirst() {
        traffic.served(rule.targetGroup, thisMinute.minus(3, ChronoUnit.MINUTES), 200, 4, 0.1);
        traffic.served(rule.targetGroup, thisMinute.minus(2, ChronoUnit.MINUTES), 100, 0, 0.1);

        GetMetricDataResponse answer = errorRate("100 * FILL(errors, 0) / requests");

        MetricDataResult rate = answer.metricDataResults().getFirst();
        assertThat(answer.metricDataResults()).extracting(MetricDataResult::id).containsExactly("rate");
        assertThat(rate.timestamps()).containsExactly(thisMinute.minus(2, ChronoUnit.MINUTES),
                thisMinute.minus(3, ChronoUnit.MINUTES));
        assertThat(rate.values()).containsExactly(0.0, 2.0);
        assertThat(errorRate("100 * errors / requests").metricDataResults().getFirst().values())
                .as("the count's missing minute is 0 once the series has data").containsExactly(0.0, 2.0);
    }

    @Test
    void errorRateOverACountWithoutDatapointsHasNoValue() {
        traffic.served(rule.targetGroup, thisMinute.minus(2, ChronoUnit.MINUTES), 100, 0, 0.1);

        assertThat(errorRate("100 * errors / requests").metricDataResults().getFirst().values()).isEmpty();
    }

    @Test
    void unknownFunctionOrIdIsAValidationErrorNamingIt() {
        CloudWatchException function = catchThrowableOfType(CloudWatchException.class,
                () -> errorRate("100 * FILLL(errors, 0) / requests"));
        CloudWatchException id = catchThrowableOfType(CloudWatchException.class,
                () -> errorRate("100 * FILL(errors, 0) / requets"));

        assertThat(function.statusCode()).isEqualTo(400);
        assertThat(function.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
        assertThat(function.awsErrorDetails().errorMessage()).contains("rate", "Unrecognized function FILLL");
        assertThat(id.awsErrorDetails().errorMessage()).contains("rate", "Unrecognized identifier requets");
    }

    private GetMetricDataResponse errorRate(String expression) {
        return AWS.cloudWatch.getMetricData(request -> request
                .startTime(thisMinute.minus(5, ChronoUnit.MINUTES)).endTime(thisMinute)
                .metricDataQueries(List.of(count("errors", "HTTPCode_Target_5XX_Count"),
                        count("requests", "RequestCount"),
                        MetricDataQuery.builder().id("rate").expression(expression).build())));
    }

    private MetricDataQuery count(String id, String name) {
        return MetricDataQuery.builder().id(id).returnData(false).metricStat(stat -> stat.period(60).stat("Sum")
                .metric(metric -> metric.namespace("AWS/ApplicationELB").metricName(name)
                        .dimensions(traffic.dimensions(rule.targetGroup)))).build();
    }
}
