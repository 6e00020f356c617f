package io.meshcanary.port;

import io.meshcanary.spec.MetricCheck;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** CloudWatch, as the analysis sees it. */
public interface MetricsReader {

    /** The names among {@code alarmNames} whose alarms are in ALARM. */
    Set<String> inAlarm(Collection<String> alarmNames);

    /** The datapoints of the check's returned query over its window, ending at {@code end}; placeholders resolved. */
    List<Double> datapoints(MetricCheck check, Instant end);
}
