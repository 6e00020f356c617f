package io.meshcanary.rollout;

import io.meshcanary.analysis.JudgeSummary;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A transition of a rollout, told to the outside world (notifications, chat, dashboards) after the rollout record
 * has taken it. The record stays the source of truth; an event is a copy of what it says at that moment.
 *
 * @param type one of the constants below; it is the event's detail-type on the bus
 * @param service the record's key, {@code <cluster>/<app>}
 * @param phase the rollout's phase once the transition is recorded
 * @param canaryWeight the canary's share of the traffic once the transition is recorded
 * @param reason why, for the types that have one (a failed analysis, a rollback, a repair); otherwise null
 * @param at when the record took the transition
 * @param judge what the statistical judge found, when the transition is an analysis round that ran it; else null
 */
public record RolloutEvent(String type, String service, String cluster, String app, String deploymentId,
        String execution, Phase phase, int canaryWeight, String canaryTaskDefinition, String reason, Instant at,
        JudgeSummary judge) {

    /** The workflow initialized a rollout; a bootstrap, which shifts no traffic, publishes none. */
    public static final String ROLLOUT_STARTED = "Rollout Started";
    /** A weight step moved traffic; published once per step, whatever retries the workflow makes. */
    public static final String WEIGHT_CHANGED = "Weight Changed";
    /** An analysis round had a failed check, or an alarm the analysis names went to ALARM (the fast path). */
    public static final String ANALYSIS_FAILED = "Analysis Failed";
    /** The primary runs the canary's revision and takes all the traffic. */
    public static final String PROMOTED = "Promoted";
    /** All traffic went back to the primary's old revision and the rollout ended FAILED. */
    public static final String ROLLED_BACK = "Rolled Back";
    /**
     * The resync repaired a drift of the service (a registration, the route's weights, a stuck rollout, an orphan);
     * the reason names the kind, what was found and what was done. Published once per repaired drift.
     */
    public static final String DRIFT_REPAIRED = "Drift Repaired";

    public static final Set<String> TYPES = Set.of(ROLLOUT_STARTED, WEIGHT_CHANGED, ANALYSIS_FAILED, PROMOTED,
            ROLLED_BACK, DRIFT_REPAIRED);

    public RolloutEvent {
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("unknown rollout event type '%s', expected one of %s"
                    .formatted(type, TYPES));
        }
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(at, "at");
        if (canaryWeight < 0 || canaryWeight > 100) {
            throw new IllegalArgumentException("canary weight must be 0..100, was " + canaryWeight);
        }
    }

    /** The event of {@code type} for {@code rollout}, the record as just written, whose last entry it announces. */
    public static RolloutEvent of(String type, Rollout rollout, String reason, Instant at) {
        return new RolloutEvent(type, rollout.service(), rollout.cluster(), rollout.app(), rollout.deploymentId(),
                rollout.execution(), rollout.phase(), rollout.weights().canary(), rollout.canaryTaskDefinition(),
                reason, at, rollout.history().getLast().judge());
    }
}
