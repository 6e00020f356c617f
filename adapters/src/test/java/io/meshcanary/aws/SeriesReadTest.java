package io.meshcanary.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.spec.MetricQuery;
import io.meshcanary.spec.MetricStat;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How a judge's reads share GetMetricData calls within CloudWatch's per-call limits. */
class SeriesReadTest {

    private static final MetricQuery ERRORS = metric("errors", false);
    private static final MetricQuery REQUESTS = metric("requests", false);
    private static final MetricQuery RATE = new MetricQuery("rate",
            Optional.of("100 * errors / requests + 0 * errors_total"), Optional.empty(), true);
    private static final MetricQuery ERRORS_TOTAL = metric("errors_total", false);

    @Test
    void idsArePrefixedInTheQueriesAndTheExpressionsThatNameThem() {
        SeriesRead read = new SeriesRead("error-rate", true, "c3_", List.of(ERRORS, REQUESTS, ERRORS_TOTAL, RATE));

        List<MetricQuery> prefixed = read.prefixed();

        assertThat(prefixed).extracting(MetricQuery::id)
                .containsExactly("c3_errors", "c3_requests", "c3_errors_total", "c3_rate");
        assertThat(prefixed.get(3).expression()).contains("100 * c3_errors / c3_requests + 0 * c3_errors_total");
        assertThat(read.sampledId()).isEqualTo("c3_rate");
    }

    @Test
    void fiveHundredQueriesFillOneCallAndTheNextReadStartsAnother() {
        List<SeriesRead> reads = IntStream.range(0, 168).mapToObj(i -> new SeriesRead("m" + i, i % 2 == 0,
                "c" + i + "_", List.of(ERRORS, REQUESTS, RATE))).toList();

        List<List<SeriesRead>> batches = SeriesRead.batches(reads, 30);

        assertThat(batches).hasSize(2);
        assertThat(batches.getFirst()).hasSize(166);
        assertThat(batches.get(1)).hasSize(2);
    }

    @Test
    void aDaysWindowOfOneSecondSamplesTakesOneCallPerRead() {
        List<SeriesRead> reads = Collections.nCopies(4, new SeriesRead("latency", true, "c0_", List.of(RATE)));

        // 86,400 datapoints per read; two would pass the 100,800 a call returns.
        assertThat(SeriesRead.batches(reads, 86_400)).hasSize(4);
        assertThat(SeriesRead.batches(reads, 50_400)).hasSize(2);
    }

    private static MetricQuery metric(String id, boolean returnData) {
        return new MetricQuery(id, Optional.empty(),
                Optional.of(new MetricStat("AWS/ApplicationELB", "RequestCount", Map.of(), "Sum")), returnData);
    }
}
