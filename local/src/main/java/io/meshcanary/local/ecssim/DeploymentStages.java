package io.meshcanary.local.ecssim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHook;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookTargetType;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The stages of one of ECS's own deployments, in order (Developer Guide, "Amazon ECS blue/green deployments", "Amazon
 * ECS linear deployments", "Amazon ECS canary deployments"): scale green up, with its pause points before and after;
 * each traffic step of the strategy's grid behind a {@code PRE_PRODUCTION_TRAFFIC_SHIFT} pause point, followed by the
 * step's bake time; then {@code POST_PRODUCTION_TRAFFIC_SHIFT} and the bake time before the clean-up.
 */
final class DeploymentStages {

    /** A pause hook waits at most 14 days (Developer Guide, "Pause hooks for Amazon ECS service deployments"). */
    private static final int LONGEST_PAUSE_MINUTES = 14 * 24 * 60;

    private DeploymentStages() {
    }

    /** One stage of a deployment; {@link #apply} says whether the deployment may move on past it now. */
    sealed interface Stage permits Pause, ScaleUp, Shift, Bake {
        boolean apply(NativeDeployments.Fleet fleet, NativeDeployment deployment, List<Task> running, Instant now);
    }

    /** The stages of a deployment with {@code configuration} whose traffic moves through {@code traffic}. */
    static List<Stage> of(DeploymentConfiguration configuration, TrafficShift traffic) {
        List<Stage> stages = new ArrayList<>(List.of(new Pause("PRE_SCALE_UP"), new ScaleUp()));
        addBake(stages, "POST_SCALE_UP", traffic.settleAfterScaleUp());
        stages.add(new Pause("POST_SCALE_UP"));
        List<Double> grid = grid(configuration);
        for (int step = 0; step < grid.size(); step++) {
            stages.add(new Pause("PRE_PRODUCTION_TRAFFIC_SHIFT"));
            stages.add(new Shift(grid.get(step)));
            int stepBake = step < grid.size() - 1 ? stepBakeMinutes(configuration) : 0;
            addBake(stages, "PRODUCTION_TRAFFIC_SHIFT", traffic.settleAfterShift().plusMinutes(stepBake));
        }
        stages.add(new Pause("POST_PRODUCTION_TRAFFIC_SHIFT"));
        addBake(stages, "BAKE_TIME", Duration.ofMinutes(Optional.ofNullable(configuration.bakeTimeInMinutes())
                .orElse(0)));
        return stages;
    }

    private static void addBake(List<Stage> stages, String stage, Duration ecsTime) {
        if (!ecsTime.isZero()) {
            stages.add(new Bake(stage, ecsTime));
        }
    }

    /** The production weights of green: stepPercent's multiples then 100, canaryPercent then 100, or 100 at once. */
    static List<Double> grid(DeploymentConfiguration configuration) {
        List<Double> grid = new ArrayList<>();
        switch (configuration.strategyAsString()) {
            case "LINEAR" -> {
                double step = configuration.linearConfiguration().stepPercent();
                for (double weight = step; weight < 100; weight += step) {
                    grid.add(weight);
                }
            }
            case "CANARY" -> grid.add(configuration.canaryConfiguration().canaryPercent());
            default -> {
                // BLUE_GREEN shifts all production traffic at once.
            }
        }
        grid.add(100.0);
        return grid;
    }

    private static int stepBakeMinutes(DeploymentConfiguration configuration) {
        return switch (configuration.strategyAsString()) {
            case "LINEAR" -> Optional.ofNullable(configuration.linearConfiguration().stepBakeTimeInMinutes()).orElse(0);
            case "CANARY" -> Optional.ofNullable(configuration.canaryConfiguration().canaryBakeTimeInMinutes())
                    .orElse(0);
            default -> 0;
        };
    }

    /**
     * A pause point: with PAUSE hooks at its stage, the deployment waits for an answer to each, or its timeout, each
     * time under new hook ids, and ECS puts a {@code HOOK_AWAITING_ACTION} on the bus for each.
     */
    record Pause(String stage) implements Stage {
        @Override
        public boolean apply(NativeDeployments.Fleet fleet, NativeDeployment deployment, List<Task> running,
                Instant now) {
            List<DeploymentLifecycleHook> pauses = deployment.service.deploymentConfiguration().lifecycleHooks()
                    .stream()
                    .filter(hook -> hook.targetType() == DeploymentLifecycleHookTargetType.PAUSE
                            && hook.lifecycleStagesAsStrings().contains(stage))
                    .toList();
            if (pauses.isEmpty()) {
                return true;
            }
            if (deployment.awaiting()) {
                deployment.hooks.stream().filter(PauseHook::awaiting).map(PauseHook::expiresAt).min(Instant::compareTo)
                        .ifPresent(first -> fleet.wake(deployment.service, Duration.between(now, first)));
                return false;
            }
            deployment.hooks = pauses.stream().map(pause -> {
                int minutes = Optional.ofNullable(pause.timeoutConfiguration())
                        .map(timeout -> timeout.timeoutInMinutes()).orElse(LONGEST_PAUSE_MINUTES);
                String action = Optional.ofNullable(pause.timeoutConfiguration())
                        .map(timeout -> timeout.actionAsString()).orElse("ROLLBACK");
                return new PauseHook("ecs-pause-" + NativeDeployments.id(), stage,
                        now.plus(NativeDeployments.MINUTE.multipliedBy(minutes)), action, "AWAITING_ACTION");
            }).toList();
            deployment.lifecycleStage = stage.equals("PRE_PRODUCTION_TRAFFIC_SHIFT") ? "PRODUCTION_TRAFFIC_SHIFT"
                    : stage;
            deployment.touch();
            deployment.hooks.forEach(hook -> {
                fleet.put(HookEvents.awaiting(deployment, hook));
                fleet.wake(deployment.service, Duration.between(now, hook.expiresAt()).plusMillis(20));
            });
            return false;
        }
    }

    /** Green at the service's full desired count, every task healthy, before any traffic moves. */
    record ScaleUp() implements Stage {
        @Override
        public boolean apply(NativeDeployments.Fleet fleet, NativeDeployment deployment, List<Task> running,
                Instant now) {
            deployment.lifecycleStage = "SCALE_UP";
            List<Task> green = running.stream()
                    .filter(task -> task.taskDefinitionArn().equals(deployment.target.taskDefinition())).toList();
            for (int more = deployment.service.desiredCount() - green.size(); more > 0; more--) {
                fleet.run(deployment.service, deployment.target.taskDefinition());
            }
            return green.size() >= deployment.service.desiredCount()
                    && green.stream().allMatch(task -> fleet.healthy(deployment.service, task));
        }
    }

    record Shift(double weight) implements Stage {
        @Override
        public boolean apply(NativeDeployments.Fleet fleet, NativeDeployment deployment, List<Task> running,
                Instant now) {
            deployment.lifecycleStage = "PRODUCTION_TRAFFIC_SHIFT";
            deployment.shift(fleet, weight);
            return true;
        }
    }

    /** A wait of {@code ecsTime} in ECS's time, {@link NativeDeployments#MINUTE} a minute locally. */
    record Bake(String stage, Duration ecsTime) implements Stage {
        @Override
        public boolean apply(NativeDeployments.Fleet fleet, NativeDeployment deployment, List<Task> running,
                Instant now) {
            deployment.lifecycleStage = stage;
            if (deployment.bakeUntil == null) {
                deployment.bakeUntil = now.plus(NativeDeployments.MINUTE.multipliedBy(ecsTime.toMillis())
                        .dividedBy(Duration.ofMinutes(1).toMillis()));
            }
            if (now.isBefore(deployment.bakeUntil)) {
                fleet.wake(deployment.service, Duration.between(now, deployment.bakeUntil).plusMillis(20));
                return false;
            }
            deployment.bakeUntil = null;
            return true;
        }
    }
}
