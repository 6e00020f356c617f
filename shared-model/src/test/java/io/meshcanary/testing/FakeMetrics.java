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
 * with no datapoints given returns none, as a metric nobody emits does, and a judge none. Every read is
 * recorded.
 */
public final class FakeMetrics implements MetricsReader {

    private final Map<String, AlarmState> states = new HashMap<>();
    private final Set<String> missing = new HashSet<>();
    private final Map<String, List<Double>> datapoints = new HashMap<>();
    private final List<Collection<String>> alarmReads = new ArrayList<>();
    private final List<MetricCheck> checksRead = new ArrayList<>();
    private int judgeReads;

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
        judgeReads++;
        return new JudgeSamples(Map.of(), Map.of());
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

    /** Reads of any kind; zero means no analysis ran. */
    public int reads() {
        return alarmReads.size() + checksRead.size() + judgeReads;
    }
}
