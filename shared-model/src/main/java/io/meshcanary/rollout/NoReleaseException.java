package io.meshcanary.rollout;

/**
 * A deployment of the user's service that releases nothing: it deploys the revision the primary runs, as ECS's
 * circuit breaker does when it rolls a failed deployment back. The workflow ends without a rollout.
 */
public class NoReleaseException extends RuntimeException {

    public NoReleaseException(String reason) {
        super(reason);
    }
}
