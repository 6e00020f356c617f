package io.meshcanary.port;

import io.meshcanary.rollout.RolloutEvent;

/**
 * Where rollout transitions are announced (an EventBridge bus). Announcements are best effort: the rollout record is
 * the source of truth, and the domain publishes only after the record took the transition.
 */
public interface RolloutEvents {

    /**
     * Publishes one event.
     *
     * @throws RuntimeException if the event was not accepted; callers log it and carry on
     */
    void publish(RolloutEvent event);
}
