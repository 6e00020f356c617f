package io.meshcanary.rollout;

/**
 * A rollout that must roll back: a closed gate, a capacity or promotion deadline, a route that did not take the
 * weights. The workflow catches it and rolls back with this message as the reason.
 */
public class RolloutFailedException extends RuntimeException {

    public RolloutFailedException(String reason) {
        super(reason);
    }
}
