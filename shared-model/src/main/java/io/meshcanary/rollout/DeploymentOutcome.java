package io.meshcanary.rollout;

/**
 * What the deployment guard did with one failed ECS deployment.
 *
 * @param service the ECS service whose deployment failed
 * @param execution the execution of the rollout it concerned, or null when it concerned none
 */
public record DeploymentOutcome(String action, String service, String execution) {

    /** The rollout went back to the primary now. */
    public static final String ABORTED = "ABORTED";
    /** The rollout was aborted already, ended, or was superseded. */
    public static final String ALREADY_ABORTED = "ALREADY_ABORTED";
    /** The service has no active rollout, or only a bootstrap, whose canary is all that runs the app. */
    public static final String IGNORED_NO_ROLLOUT = "IGNORED_NO_ROLLOUT";
    /**
     * Another deployment than the rollout's failed: an older one of the canary, or one of the primary that no
     * promotion started.
     */
    public static final String IGNORED_OTHER_DEPLOYMENT = "IGNORED_OTHER_DEPLOYMENT";
}
