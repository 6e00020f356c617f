package io.meshcanary.port;

import io.meshcanary.analysis.AlarmState;
import io.meshcanary.judge.JudgeSamples;
import io.meshcanary.spec.Judge;
import io.meshcanary.spec.MetricCheck;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** CloudWatch, as the analysis sees it. */
public interface MetricsReader {

    /**
     * The state of each alarm among {@code alarmNames} that exists, metric or composite; a name with no alarm is
     * left out.
     */
    Map<String, AlarmState> alarmStates(Collection<String> alarmNames);

    /** The datapoints of the check's returned query over its window, ending at {@code end}; placeholders resolved. */
    List<Double> datapoints(MetricCheck check, Instant end);

    /**
     * Every metric of the judge on both tracks over its window ending at {@code end}, one value or gap per period,
     * read in as few GetMetricData calls as CloudWatch allows.
     *
     * @param canary the canary's placeholder values, as {@link io.meshcanary.spec.Placeholders#values} gives them
     * @param baseline the baseline's placeholder values
     */
    JudgeSamples judgeSamples(Judge judge, Map<String, String> canary, Map<String, String> baseline, Instant end);
}
