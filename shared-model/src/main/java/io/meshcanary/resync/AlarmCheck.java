package io.meshcanary.resync;

import io.meshcanary.analysis.AlarmState;
import io.meshcanary.port.MetricsReader;
import io.meshcanary.rollout.AlarmGuard;
import io.meshcanary.rollout.Phase;
import io.meshcanary.rollout.Rollout;
import io.meshcanary.spec.CanarySpec;
import java.util.Optional;

/**
 * Finds an active rollout whose alarm is in ALARM although its alarm event never reached the guard (EventBridge lost
 * it), and takes the guard's fast path for it. The workflow's next analysis would find the alarm too, but a rollout
 * waiting at a manual gate runs no analysis for as long as the gate stays open.
 */
public final class AlarmCheck {

    private final MetricsReader metrics;
    private final AlarmGuard guard;

    public AlarmCheck(MetricsReader metrics, AlarmGuard guard) {
        this.metrics = metrics;
        this.guard = guard;
    }

    Optional<Drift> check(Rollout record, boolean dryRun) {
        if (!record.phase().canMoveTo(Phase.ABORTED)) {
            return Optional.empty();
        }
        Optional<String> firing = AlarmState.firstFiring(
                metrics.alarmStates(CanarySpec.parse(record.spec()).analysis().alarms()));
        if (firing.isEmpty()) {
            return Optional.empty();
        }
        if (!dryRun) {
            guard.onAlarmStateChange(firing.get(), AlarmGuard.ALARM, "found in ALARM by the resync");
        }
        return Optional.of(new Drift(DriftKind.MISSED_ALARM, record.service(),
                "alarm %s is in ALARM while the rollout is %s".formatted(firing.get(), record.phase()),
                "abort the rollout: all traffic to the primary", !dryRun));
    }
}
