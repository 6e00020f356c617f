package io.meshcanary.rollout;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * What an ended rollout leaves behind once a newer one replaces its record: enough for {@code meshcanary history} to
 * list an app's past rollouts, whatever engine moved their traffic.
 *
 * @param deploymentId the ECS deployment that started it, null for a manual execution
 * @param phase how it ended: SUCCEEDED, FAILED, SUPERSEDED or OFFBOARDED
 * @param reason why it failed or was superseded, null when promoted
 * @param steps how many weight steps it applied
 */
public record RolloutSummary(String service, String execution, String deploymentId, boolean bootstrap,
        String canaryTaskDefinition, String primaryTaskDefinition, Phase phase, String reason, Instant startedAt,
        Instant endedAt, int steps) {

    /** Newest first: the order {@code history} lists them in. */
    public static final Comparator<RolloutSummary> NEWEST_FIRST = Comparator.comparing(RolloutSummary::startedAt)
            .thenComparing(RolloutSummary::execution).reversed();

    public RolloutSummary {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(startedAt, "startedAt");
        if (!phase.terminal()) {
            throw new IllegalArgumentException("rollout %s of %s has not ended: it is %s"
                    .formatted(execution, service, phase));
        }
    }

    /** The summary of {@code ended}, whose phase is terminal. */
    public static RolloutSummary of(Rollout ended) {
        return new RolloutSummary(ended.service(), ended.execution(), ended.deploymentId(), ended.bootstrap(),
                ended.canaryTaskDefinition(), ended.primaryTaskDefinition(), ended.phase(), ended.reason(),
                ended.history().getFirst().at(), ended.updatedAt(), ended.step());
    }
}
