package io.meshcanary.testing;

import io.meshcanary.analysis.AlarmState;
import io.meshcanary.judge.JudgeSamples;
import io.meshcanary.port.MetricsReader;
import io.meshcanary.spec.Judge;
import io.meshcanary.spec.MetricCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CloudWatch as the analysis reads it: the alarms' states and, per metric check name, the datapoints its query
 * returns. Every alarm a test names exists and is OK unless the test sets another state or calls it missing. A check
 * with no datapoints given returns none, as a metric nobody emits does, and a judge metric with no series given
 * none on either track. Every read is recorded.
 */
public final class FakeMetrics implements MetricsReader {

    private final Map<String, AlarmState> states = new HashMap<>();
    private final Set<String> missing = new HashSet<>();
    private final Map<String, List<Double>> datapoints = new HashMap<>();
    private final List<Collection<String>> alarmReads = new ArrayList<>();
    private final List<MetricCheck> checksRead = new ArrayList<>();
    private final Map<String, List<Double>> canarySeries = new HashMap<>();
    private final Map<String, List<Double>> baselineSeries = new HashMap<>();
    private final List<JudgeRead> judgeReads = new ArrayList<>();

    /** One read of the judge's samples: the placeholder values each track's queries were resolved with. */
    public record JudgeRead(Map<String, String> canary, Map<String, String> baseline, Instant end) {
    }

    public FakeMetrics alarm(String alarmName) {
        return state(alarmName, AlarmState.ALARM);
    }

    public FakeMetrics ok(String alarmName) {
        return state(alarmName, AlarmState.OK);
    }

    public FakeMetrics state(String alarmName, AlarmState state) {
        states.put(alarmName, state);
        return this;
    }

    /** No alarm of that name exists, as after a typo in the spec. */
    public FakeMetrics missing(String alarmName) {
        missing.add(alarmName);
        return this;
    }

    /** @param values the check's datapoints; null is a gap in the data */
    public FakeMetrics datapoints(String check, Double... values) {
        datapoints.put(check, Collections.unmodifiableList(new ArrayList<>(Arrays.asList(values))));
        return this;
    }

    /** @param canary and {@code baseline}: the judge metric's series on each track; null is a gap */
    public FakeMetrics judgeSeries(String metric, List<Double> canary, List<Double> baseline) {
        canarySeries.put(metric, Collections.unmodifiableList(new ArrayList<>(canary)));
        baselineSeries.put(metric, Collections.unmodifiableList(new ArrayList<>(baseline)));
        return this;
    }

    @Override
    public Map<String, AlarmState> alarmStates(Collection<String> alarmNames) {
        alarmReads.add(List.copyOf(alarmNames));
        Map<String, AlarmState> answer = new HashMap<>();
        alarmNames.stream().filter(name -> !missing.contains(name))
                .forEach(name -> answer.put(name, states.getOrDefault(name, AlarmState.OK)));
        return answer;
    }

    @Override
    public JudgeSamples judgeSamples(Judge judge, Map<String, String> canary, Map<String, String> baseline,
            Instant end) {
        judgeReads.add(new JudgeRead(Map.copyOf(canary), Map.copyOf(baseline), end));
        Map<String, List<Double>> canaryRead = new HashMap<>();
        Map<String, List<Double>> baselineRead = new HashMap<>();
        judge.metrics().forEach(metric -> {
            canaryRead.put(metric.name(), canarySeries.getOrDefault(metric.name(), List.of()));
            baselineRead.put(metric.name(), baselineSeries.getOrDefault(metric.name(), List.of()));
        });
        return new JudgeSamples(canaryRead, baselineRead);
    }

    @Override
    public List<Double> datapoints(MetricCheck check, Instant end) {
        checksRead.add(check);
        return datapoints.getOrDefault(check.name(), List.of());
    }

    /** The metric checks read, as the reader received them (placeholders resolved). */
    public List<MetricCheck> checksRead() {
        return List.copyOf(checksRead);
    }

    /** The alarm names asked about, one list per read. */
    public List<Collection<String>> alarmReads() {
        return List.copyOf(alarmReads);
    }

    /** The judge's reads, in order. */
    public List<JudgeRead> judgeReads() {
        return List.copyOf(judgeReads);
    }

    /** Reads of any kind; zero means no analysis ran. */
    public int reads() {
        return alarmReads.size() + checksRead.size() + judgeReads.size();
    }
}
