package io.meshcanary.port;

import io.meshcanary.rollout.TwinAttachment;

/**
 * The Application Auto Scaling of an app's two ECS services. The twin carries production traffic, so it scales as
 * the team's service was set up to; the team's service sits at zero between rollouts, so its own scaling is held.
 */
public interface ServiceScaling {

    /**
     * Makes the twin's scalable target, scaling policies and scheduled actions those of the team's service, with
     * whatever triggers its step policies, and removes the twin's that the team's no longer has. A policy that counts
     * the team's target group counts the twin's ({@code attachment}) in the copy. A team's service without scaling
     * leaves the twin alone; its capacity while held is not the team's, so the twin keeps the capacity it copied last.
     */
    void copyToTwin(String cluster, String app, String twin, TwinAttachment attachment);

    /** Holds the service's scaling (minimum 0, scaling suspended), so that it stays at zero between rollouts. */
    void hold(String cluster, String service);

    /** Releases a held service's scaling, with the twin's minimum, while a rollout needs the service's capacity. */
    void release(String cluster, String service, String twin);

    /**
     * Removes the service's scalable target, with its policies, scheduled actions and what {@link #copyToTwin} made
     * to trigger its step policies; none is no error.
     */
    void remove(String cluster, String service);
}
