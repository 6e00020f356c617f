package io.meshcanary.cli;

import io.meshcanary.cli.Operator.App;
import io.meshcanary.rollout.Phase;
import io.meshcanary.rollout.Rollout;
import io.meshcanary.rollout.TriggerOutcome;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code meshcanary retry APP}: after a failed rollout, a new rollout of the revision the canary service still has,
 * started as the deployment trigger starts one for ECS's deployment event.
 */
@Command(name = "retry", description = {"Roll the canary's current revision out again after a failed rollout.",
        "Starts it as a new deployment would; follow it with meshcanary watch.",
        "Refused (exit 1) while a rollout runs, or when the last one succeeded."})
final class RetryCommand implements Callable<Integer> {

    @ParentCommand
    private MeshCanary root;

    @Mixin
    private AppArgument appArgument;

    @Override
    public Integer call() {
        Operator operator = root.operator();
        App app = appArgument.resolve(operator);
        Rollout failed = operator.lastRollout(app);
        if (failed.active()) {
            throw CliException.refused("the rollout of %s is still %s: watch it, or abort it before a retry"
                    .formatted(app.key(), failed.phase()));
        }
        if (failed.phase() != Phase.FAILED) {
            throw CliException.refused("the last rollout of %s ended %s, not FAILED: there is nothing to retry"
                    .formatted(app.key(), failed.phase()));
        }
        // Named after the failed rollout's execution: running the same retry twice starts one rollout.
        TriggerOutcome outcome = operator.deploymentTrigger().startRollout(app.cluster(), app.name(),
                "retry-of-" + failed.execution());
        if (TriggerOutcome.IGNORED_NATIVE.equals(outcome.action())) {
            throw CliException.refused("%s is onboarded in the native mode: ECS deploys it, so deploy it again with ECS"
                    .formatted(app.key()));
        }
        if (!TriggerOutcome.STARTED.equals(outcome.action())) {
            throw CliException.refused("%s is not onboarded any more (no spec under %s): onboard it again first"
                    .formatted(app.key(), operator.stack.specParameterPrefix()));
        }
        root.out.printf("%s: retrying the rollout of %s (execution %s); follow it with meshcanary watch %s%n",
                app.key(), AppStatus.revision(failed.canaryTaskDefinition()), outcome.execution(), app.key());
        return 0;
    }
}
