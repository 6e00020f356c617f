package io.meshcanary.analysis;

import java.util.List;
import java.util.Set;

/** Judges the spec's CloudWatch alarms from the names of those in ALARM. */
public final class AlarmEvaluation {

    private AlarmEvaluation() {
    }

    /** @return one result per alarm, in the spec's order: FAIL if it is in ALARM, else PASS */
    public static List<CheckResult> evaluate(List<String> alarmNames, Set<String> inAlarm) {
        return alarmNames.stream()
                .map(name -> inAlarm.contains(name)
                        ? CheckResult.fail(name, "alarm is in ALARM")
                        : CheckResult.pass(name, "alarm is not in ALARM"))
                .toList();
    }
}
