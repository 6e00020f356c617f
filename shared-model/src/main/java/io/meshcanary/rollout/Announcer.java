package io.meshcanary.rollout;

import io.meshcanary.port.RolloutEvents;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a rollout's events without ever letting a failed publish reach the rollout. The record was written
 * before the event is published, so it already tells the transition; failing the step would make Step Functions
 * retry or roll back a rollout that is healthy, only because a notification was lost. A lost event is logged, and
 * the record (and its history) is what a reader reconciles against.
 */
public final class Announcer {

    private static final Logger LOG = LoggerFactory.getLogger(Announcer.class);

    private final RolloutEvents events;

    public Announcer(RolloutEvents events) {
        this.events = events;
    }

    /** Announces {@code rollout}, the record as just written; call it only after the conditional write succeeded. */
    public void announce(String type, Rollout rollout, String reason, Instant at) {
        RolloutEvent event = RolloutEvent.of(type, rollout, reason, at);
        try {
            events.publish(event);
        } catch (RuntimeException e) {
            LOG.atWarn().setCause(e)
                    .addKeyValue("service", rollout.service())
                    .addKeyValue("deployment", rollout.deploymentId())
                    .addKeyValue("execution", rollout.execution())
                    .addKeyValue("eventType", type)
                    .addKeyValue("errorType", e.getClass().getName())
                    .log("rollout event not published");
        }
    }
}
