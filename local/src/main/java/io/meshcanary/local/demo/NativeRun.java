package io.meshcanary.local.demo;

import java.util.List;

/**
 * How one release of the native demo went.
 *
 * @param phase the rollout record's last phase, or {@code TIMED OUT}
 * @param deploymentStatus ECS's service deployment's status at the end, e.g. {@code ROLLBACK_SUCCESSFUL}
 * @param answers meshcanary's answer at each of ECS's pauses, in order, e.g. {@code 20% CONTINUE}
 * @param weights green's share of the production traffic each time ECS changed it, in order
 * @param serviceTaskDefinition the task definition the service is on at the end
 */
public record NativeRun(String label, String taskDefinition, String phase, String deploymentStatus,
        List<String> answers, List<Integer> weights, String serviceTaskDefinition) {

    public NativeRun {
        answers = List.copyOf(answers);
        weights = List.copyOf(weights);
    }
}
