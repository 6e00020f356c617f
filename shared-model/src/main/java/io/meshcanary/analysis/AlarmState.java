package io.meshcanary.analysis;

import java.util.Map;
import java.util.Optional;

/** A CloudWatch alarm's state value; the same for metric and composite alarms. */
public enum AlarmState {
    OK,
    ALARM,
    INSUFFICIENT_DATA;

    /** The first alarm by name among {@code states} that is in ALARM, so that a report names the same one each time. */
    public static Optional<String> firstFiring(Map<String, AlarmState> states) {
        return states.entrySet().stream()
                .filter(alarm -> alarm.getValue() == ALARM)
                .map(Map.Entry::getKey)
                .sorted().findFirst();
    }
}
