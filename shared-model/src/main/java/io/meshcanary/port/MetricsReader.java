package io.meshcanary.port;

import io.meshcanary.analysis.AlarmState;
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
}
