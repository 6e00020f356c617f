package io.meshcanary.rollout;

import io.meshcanary.analysis.AlarmState;
import io.meshcanary.port.MetricsReader;
import io.meshcanary.port.RolloutEvents;
import io.meshcanary.port.RolloutStore;
import io.meshcanary.port.TrafficRevert;
import io.meshcanary.port.Workflows;
import io.meshcanary.rollout.AlarmOutcome.GuardedRollout;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fast path of an alarm: when a CloudWatch alarm that an active rollout's analysis names goes to ALARM, that
 * rollout's traffic goes back to the primary in this one call and its record becomes ABORTED. The workflow finishes
 * the rollback (the canary scaled in, the record FAILED) at its next step, which reads ABORTED.
 *
 * <p>An abort is announced as {@link RolloutEvent#ANALYSIS_FAILED}: an alarm the analysis names is a failed check,
 * found before the next analysis round. The rollback the workflow then finishes announces
 * {@link RolloutEvent#ROLLED_BACK}, so the sequence on the bus matches a rollback by analysis.
 *
 * <p>Events are hints: the guard reads the records, so a duplicate, late or stray event changes nothing.
 */
public final class AlarmGuard {

    public static final String ALARM = "ALARM";

    private final RolloutStore store;
    private final MetricsReader metrics;
    private final RolloutAbort abort;
    private final Announcer announcer;

    public AlarmGuard(RolloutStore store, TrafficRevert traffic, MetricsReader metrics, Workflows workflows,
            RolloutEvents events, Clock clock) {
        this.store = store;
        this.metrics = metrics;
        this.abort = new RolloutAbort(store, traffic, workflows, clock);
        this.announcer = new Announcer(events);
    }

    /**
     * @param state the alarm's new state value ({@code ALARM}, {@code OK}, {@code INSUFFICIENT_DATA})
     * @param stateReason CloudWatch's explanation of the new state, kept in the rollout's reason
     */
    public AlarmOutcome onAlarmStateChange(String alarm, String state, String stateReason) {
        return onAlarmStateChange(alarm, state, stateReason, Optional.empty());
    }

    /**
     * An alarm's state change event, which may come late or twice: it aborts only the rollouts that started before
     * the alarm changed, and only while the alarm is still in ALARM.
     *
     * @param changedAt when the alarm changed state, from the event
     */
    public AlarmOutcome onAlarmEvent(String alarm, String state, String stateReason, Instant changedAt) {
        return onAlarmStateChange(alarm, state, stateReason, Optional.of(changedAt));
    }

    private AlarmOutcome onAlarmStateChange(String alarm, String state, String stateReason,
            Optional<Instant> changedAt) {
        if (!ALARM.equals(state)) {
            // The rule lets only ALARM through; a recovering alarm must never undo or redo an abort.
            return new AlarmOutcome(AlarmOutcome.IGNORED_NOT_ALARM, alarm, state, List.of());
        }
        List<Rollout> named = store.active().stream()
                .filter(rollout -> rollout.canarySpec().analysis().alarms().contains(alarm))
                // An alarm that went off before the rollout started concerns an earlier revision.
                .filter(rollout -> changedAt.map(at -> !at.isBefore(rollout.history().getFirst().at()
                        .truncatedTo(ChronoUnit.SECONDS))).orElse(true))
                .toList();
        if (named.isEmpty()) {
            return new AlarmOutcome(AlarmOutcome.IGNORED_NO_ROLLOUT, alarm, state, List.of());
        }
        boolean abortable = named.stream().anyMatch(rollout -> rollout.phase().canMoveTo(Phase.ABORTED));
        if (changedAt.isPresent() && abortable && metrics.alarmStates(List.of(alarm)).get(alarm) != AlarmState.ALARM) {
            // A late or redelivered event of an alarm that has recovered since, or was deleted.
            return new AlarmOutcome(AlarmOutcome.IGNORED_NOT_ALARM, alarm, state, List.of());
        }
        String reason = "alarm %s is in ALARM: %s".formatted(alarm, stateReason);
        List<GuardedRollout> guarded = new ArrayList<>();
        RuntimeException failure = null;
        for (Rollout rollout : named) {
            try {
                guarded.add(guard(rollout, reason));
            } catch (RuntimeException e) {
                // One rollout's failure must not leave the others the alarm names unprotected; the event's retry
                // decides again from the records.
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        String action = guarded.stream().anyMatch(GuardedRollout::abortedNow) ? AlarmOutcome.ABORTED
                : AlarmOutcome.ALREADY_ABORTED;
        return new AlarmOutcome(action, alarm, state, guarded);
    }

    private GuardedRollout guard(Rollout read, String reason) {
        Optional<Rollout> aborted = abort.abortActive(read, reason);
        aborted.ifPresent(written -> announcer.announce(RolloutEvent.ANALYSIS_FAILED, written, reason,
                written.updatedAt()));
        return new GuardedRollout(read.service(), read.deploymentId(), read.execution(), aborted.isPresent());
    }
}
