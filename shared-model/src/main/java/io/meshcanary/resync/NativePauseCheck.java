package io.meshcanary.resync;

import io.meshcanary.nativemode.NativeDeployment;
import io.meshcanary.nativemode.PauseAnswer;
import io.meshcanary.port.ServiceDeployments;
import io.meshcanary.port.Workflows;
import io.meshcanary.rollout.DeploymentTrigger;
import io.meshcanary.rollout.Rollout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds a native app's service deployment that waits at a pause no running execution will answer: its
 * {@code HOOK_AWAITING_ACTION} event was lost (the execution is started, as the event would have), or its rollout
 * ended already (the pause is answered ROLLBACK: the rollout's verdict stands). Left alone, ECS would take the hook's
 * timeout action only after the hook's timeout.
 */
public final class NativePauseCheck {

    private final ServiceDeployments deployments;
    private final Workflows workflows;
    private final DeploymentTrigger trigger;

    public NativePauseCheck(ServiceDeployments deployments, Workflows workflows, DeploymentTrigger trigger) {
        this.deployments = deployments;
        this.workflows = workflows;
        this.trigger = trigger;
    }

    /** @param record the app's rollout record as read before the other checks, if it has one */
    List<Drift> check(String cluster, String app, Optional<Rollout> record, boolean dryRun) {
        List<Drift> drifts = new ArrayList<>();
        for (NativeDeployment deployment : deployments.inProgress(cluster, app)) {
            Optional<String> pause = deployment.waitingHook();
            String execution = DeploymentTrigger.nativeExecutionName(cluster, app, deployment.arn());
            if (pause.isEmpty() || workflows.status(execution).filter(StuckRolloutCheck.RUNNING::equals).isPresent()) {
                continue;
            }
            Optional<Rollout> ended = record.filter(rollout -> rollout.deploymentId().equals(deployment.arn())
                    && !rollout.active());
            String found = "ECS's deployment %s waits at pause %s at %d%%, and no execution answers it"
                    .formatted(deployment.arn(), pause.get(), deployment.percent());
            String repair;
            if (ended.isPresent()) {
                repair = "answer ROLLBACK: its rollout ended " + ended.get().phase();
                if (!dryRun) {
                    deployments.answer(deployment.arn(), pause.get(), PauseAnswer.ROLLBACK);
                }
            } else {
                repair = "start execution " + execution + ", which answers it";
                if (!dryRun) {
                    trigger.startNative(cluster, app, deployment.arn());
                }
            }
            drifts.add(new Drift(DriftKind.UNANSWERED_PAUSE, Rollout.key(cluster, app), found, repair, !dryRun));
        }
        return drifts;
    }
}
