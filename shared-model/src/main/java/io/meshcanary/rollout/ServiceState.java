package io.meshcanary.rollout;

/** What ECS says of one service now. */
public record ServiceState(String name, String taskDefinition, int desiredCount, int runningCount, String status) {
}
