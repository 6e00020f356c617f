package io.meshcanary.analysis;

/** A CloudWatch alarm's state value; the same for metric and composite alarms. */
public enum AlarmState {
    OK,
    ALARM,
    INSUFFICIENT_DATA
}
