package io.meshcanary.analysis;

import java.util.List;
import java.util.Map;

/**
 * Judges the spec's CloudWatch alarms from their states. Only an alarm in OK passes: one without enough data, or a
 * name with no alarm (a typo, or an alarm deleted), is inconclusive, never a pass.
 */
public final class AlarmEvaluation {

    private AlarmEvaluation() {
    }

    public static final String MISSING = "no such alarm";

    /** @return one result per alarm, in the spec's order */
    public static List<CheckResult> evaluate(List<String> alarmNames, Map<String, AlarmState> states) {
        return alarmNames.stream()
                .map(name -> {
                    AlarmState state = states.get(name);
                    if (state == null) {
                        return CheckResult.inconclusive(name, MISSING);
                    }
                    return switch (state) {
                        case ALARM -> CheckResult.fail(name, "alarm is in ALARM");
                        case OK -> CheckResult.pass(name, "alarm is OK");
                        case INSUFFICIENT_DATA -> CheckResult.inconclusive(name, "alarm has insufficient data");
                    };
                })
                .toList();
    }
}
