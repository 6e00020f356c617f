package io.meshcanary.local.ecssim;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.vpclattice.model.RuleAction;

/** The simulator as the stand-in for ECS's own deployments sees it: tasks start healthy, and every call is kept. */
final class FakeFleet implements NativeDeployments.Fleet {
    final List<Task> running = new ArrayList<>();
    /** Each weighted forward, keyed by the rule or listener it was set on, in order. */
    final List<String> forwards = new ArrayList<>();
    final List<String> reverted = new ArrayList<>();
    final List<JsonNode> events = new ArrayList<>();

    @Override
    public void run(Service service, String taskDefinition) {
        running.add(Task.builder().taskArn("task/" + UUID.randomUUID()).taskDefinitionArn(taskDefinition).build());
    }

    @Override
    public void stop(Service service, Task task) {
        running.remove(task);
    }

    @Override
    public boolean healthy(Service service, Task task) {
        return true;
    }

    @Override
    public void revert(Service service, String taskDefinition) {
        reverted.add(taskDefinition);
    }

    @Override
    public void forwardRule(String ruleArn, Action forward) {
        forwards.add("rule " + ruleArn + " " + weights(forward));
    }

    @Override
    public void forwardListener(String listenerArn, Action forward) {
        forwards.add("listener " + listenerArn + " " + weights(forward));
    }

    @Override
    public void forwardLattice(String ruleArn, RuleAction forward) {
        forwards.add("lattice " + ruleArn + " " + forward.forward().targetGroups().stream()
                .map(group -> group.targetGroupIdentifier() + "=" + group.weight()).toList());
    }

    private static String weights(Action forward) {
        return forward.forwardConfig().targetGroups().stream()
                .map(group -> group.targetGroupArn() + "=" + group.weight()).toList().toString();
    }

    @Override
    public void put(JsonNode event) {
        events.add(event);
    }

    @Override
    public void wake(Service service, Duration after) {
    }
}
