package io.meshcanary.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.aws.EcsPauseHooks;
import io.meshcanary.cli.Operator.App;
import io.meshcanary.spec.Mode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * The verbs that steer a running rollout. Each starts the manual execution the README documents
 * ({@code {"cluster": ..., "service": ..., "action": ...}}), waits for its outcome and prints it, then where the
 * rollout stands. A refusal (no rollout running, no gate waiting) is the execution's own named error, exit 1.
 */
abstract class SteerCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(250);
    /** Step Functions allows 80 characters in an execution name; the action and the time take up to 25. */
    private static final int MAX_APP_PART = 55;

    @ParentCommand
    private MeshCanary root;

    @Mixin
    private AppArgument appArgument;

    private final String action;
    private final String done;

    /**
     * @param action the input's {@code action}
     * @param done what a successful execution did, in words
     */
    SteerCommand(String action, String done) {
        this.action = action;
        this.done = done;
    }

    /** How long the execution may take before the command gives up waiting (it goes on in Step Functions). */
    Duration timeout() {
        return TIMEOUT;
    }

    /** Whether where the rollout stands is worth printing after the execution succeeded. */
    boolean showsStatusAfter() {
        return true;
    }

    /** Adds the action's own fields to the input. */
    void addTo(ObjectNode input) {
    }

    /** What the verb did without the workflow, in words, for an app whose verb is none of the workflow's. */
    Optional<String> withoutWorkflow(Operator operator, App app) {
        return Optional.empty();
    }

    @Override
    public Integer call() throws InterruptedException {
        Operator operator = root.operator();
        App app = appArgument.resolve(operator);
        Optional<String> doneHere = withoutWorkflow(operator, app);
        if (doneHere.isPresent()) {
            root.out.printf("%s: %s%n", app.key(), doneHere.get());
            return 0;
        }
        ObjectNode input = JSON.createObjectNode().put("cluster", app.cluster()).put("service", app.name())
                .put("action", action);
        addTo(input);
        String appPart = (app.cluster() + "-" + app.name()).replaceAll("[^A-Za-z0-9_-]", "-");
        String execution = "%s-%s-%d".formatted(action, appPart.substring(0, Math.min(appPart.length(),
                MAX_APP_PART)), System.currentTimeMillis());
        String arn = operator.workflows.start(execution, input.toString());
        DescribeExecutionResponse outcome = await(operator, arn);
        if (outcome.status() != ExecutionStatus.SUCCEEDED) {
            throw CliException.refused("%s of %s refused: %s (execution %s)".formatted(action, app.key(),
                    why(operator, outcome), execution));
        }
        root.out.printf("%s: %s (execution %s)%n", app.key(), done, execution);
        if (showsStatusAfter()) {
            StatusCommand.print(root, List.of(AppStatus.of(operator, app)));
        }
        return 0;
    }

    private DescribeExecutionResponse await(Operator operator, String arn) throws InterruptedException {
        long deadline = System.nanoTime() + timeout().toNanos();
        while (true) {
            DescribeExecutionResponse execution = operator.clients.stepFunctions()
                    .describeExecution(request -> request.executionArn(arn));
            if (execution.status() != ExecutionStatus.RUNNING) {
                return execution;
            }
            if (System.nanoTime() > deadline) {
                throw CliException.refused("execution %s is still running after %ds; look at it in the Step Functions"
                        .formatted(arn, timeout().toSeconds()) + " console");
            }
            Thread.sleep(POLL);
        }
    }

    /**
     * The error and cause of the execution's last event, which carries them for a failed and a stopped execution
     * alike; a task's error names the problem in its {@code errorMessage}, e.g. "action: ... waits at no manual gate".
     */
    private static String why(Operator operator, DescribeExecutionResponse outcome) {
        HistoryEvent last = operator.clients.stepFunctions().getExecutionHistoryPaginator(request -> request
                .executionArn(outcome.executionArn())).events().stream().reduce((first, second) -> second)
                .orElseThrow();
        String error = outcome.error();
        String cause = outcome.cause();
        if (last.executionFailedEventDetails() != null) {
            error = last.executionFailedEventDetails().error();
            cause = last.executionFailedEventDetails().cause();
        } else if (last.executionAbortedEventDetails() != null) {
            error = last.executionAbortedEventDetails().error();
            cause = last.executionAbortedEventDetails().cause();
        }
        return "%s %s: %s".formatted(outcome.statusAsString(), error, errorMessage(cause == null ? "" : cause));
    }

    private static String errorMessage(String cause) {
        try {
            JsonNode message = JSON.readTree(cause).path("errorMessage");
            return message.isTextual() ? message.asText() : cause;
        } catch (IOException e) {
            // Not the Lambda error document: the cause is already words.
            return cause;
        }
    }

    @Command(name = "promote", description = {"Skip the remaining steps of the app's rollout.",
            "The next passing analysis promotes the canary."})
    static final class Promote extends SteerCommand {
        Promote() {
            super("promote", "promotion requested; the next passing analysis promotes");
        }
    }

    @Command(name = "abort", description = {"Abort the app's rollout: all traffic back to the primary at once.",
            "The workflow finishes the rollback (canary scaled in, record FAILED) at its next step."})
    static final class Abort extends SteerCommand {
        @Option(names = "--reason", description = "why, kept in the rollout's reason after \"aborted by an operator\"")
        private String reason;

        Abort() {
            super("abort", "aborted, all traffic on the primary; the workflow finishes the rollback at its next step");
        }

        @Override
        void addTo(ObjectNode input) {
            if (reason != null) {
                input.put("reason", reason);
            }
        }
    }

    @Command(name = "approve", description = {"Pass the manual gate the app's rollout waits at.",
            "Refused (exit 1) when the rollout waits at no manual gate."})
    static final class Approve extends SteerCommand {
        Approve() {
            super("approve", "approved; the rollout goes on past its manual gate");
        }
    }

    @Command(name = "offboard", description = {"Give the app back to the team: its service takes the primary's",
            "revision, capacity and scaling, the route or rule goes back to the team's own target, and the twin and",
            "what meshcanary made for it are removed. Refused (exit 1) while a rollout runs: abort it first.",
            "A native app (\"mode\": \"native\") has only meshcanary's pause hook removed from its service."})
    static final class Offboard extends SteerCommand {
        /** Offboarding waits for the team's service to serve again, which takes ECS minutes. */
        private static final Duration OFFBOARDING = Duration.ofMinutes(30);

        Offboard() {
            super("offboard", "offboarded: the team's service serves its route or rule again, the twin is gone");
        }

        @Override
        Duration timeout() {
            return OFFBOARDING;
        }

        /** The app has no rollout, tracks or twin any more. */
        @Override
        boolean showsStatusAfter() {
            return false;
        }

        /**
         * A native app has no twin and no route of meshcanary's to give back: ECS deploys the service as before once
         * meshcanary's pause hook is off it. The team's own hooks stay.
         */
        @Override
        Optional<String> withoutWorkflow(Operator operator, App app) {
            if (operator.specs.find(app.cluster(), app.name()).filter(spec -> spec.mode() == Mode.NATIVE).isEmpty()) {
                return Optional.empty();
            }
            new EcsPauseHooks(operator.clients.ecs()).remove(app.cluster(), app.name());
            return Optional.of("offboarded: meshcanary's pause hook is off the service, its own hooks stay, and ECS"
                    + " deploys it without waiting for meshcanary");
        }
    }
}
