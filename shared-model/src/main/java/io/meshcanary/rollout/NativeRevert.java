package io.meshcanary.rollout;

import io.meshcanary.nativemode.NativeDeployment;
import io.meshcanary.nativemode.PauseAnswer;
import io.meshcanary.port.ServiceDeployments;
import io.meshcanary.port.TrafficRevert;
import java.util.Optional;

/**
 * The native engine's fast path, as the guards see it: ECS rolls back, and ECS's weights are read back. It needs only
 * ECS's service deployments, so the guards' functions carry no metrics client.
 */
public final class NativeRevert implements TrafficRevert {

    private final ServiceDeployments deployments;

    public NativeRevert(ServiceDeployments deployments) {
        this.deployments = deployments;
    }

    /**
     * ECS rolls back: the pause it waits at is answered ROLLBACK, or, between pauses, the deployment is stopped with
     * ROLLBACK. A deployment ECS has ended already is left as it is.
     */
    @Override
    public Reverted revert(Rollout rollout) {
        Optional<NativeDeployment> found = deployments.describe(rollout.deploymentId());
        if (found.isEmpty() || !found.get().inProgress()) {
            return new Reverted(weightsOf(found, rollout), "ECS's deployment is %s already"
                    .formatted(found.map(NativeDeployment::describe).orElse("unknown to ECS")));
        }
        NativeDeployment deployment = found.get();
        String note;
        if (deployment.waitingHook().isPresent()) {
            deployments.answer(deployment.arn(), deployment.waitingHook().get(), PauseAnswer.ROLLBACK);
            note = "ECS's pause at %d%% answered ROLLBACK".formatted(deployment.percent());
        } else {
            deployments.rollBack(deployment.arn());
            note = "ECS's deployment stopped with ROLLBACK at %d%%".formatted(deployment.percent());
        }
        return new Reverted(currentWeights(rollout), note);
    }

    /** The weights ECS reports for the deployment's target revision; the record's while ECS knows no deployment. */
    public Weights currentWeights(Rollout rollout) {
        return weightsOf(deployments.describe(rollout.deploymentId()), rollout);
    }

    private static Weights weightsOf(Optional<NativeDeployment> found, Rollout rollout) {
        return found.map(NativeDeployment::percent).map(Weights::canaryAt).orElse(rollout.weights());
    }
}
