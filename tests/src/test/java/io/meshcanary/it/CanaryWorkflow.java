package io.meshcanary.it;

import static io.meshcanary.it.Emulator.AWS;

import io.meshcanary.local.StackResources;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/** Executions of the stack's canary state machine, read by name as an operator reads them in the console. */
final class CanaryWorkflow {

    static final String STATE_MACHINE = StackResources.ref("CanaryStateMachine");

    private CanaryWorkflow() {
    }

    /** Starts a manual execution, as an operator does from the console or the CLI. */
    static void start(String name, String input) {
        AWS.sfn.startExecution(request -> request.stateMachineArn(STATE_MACHINE).name(name).input(input));
    }

    static String executionArn(String name) {
        return STATE_MACHINE.replace(":stateMachine:", ":execution:") + ":" + name;
    }

    static DescribeExecutionResponse describe(String name) {
        return AWS.sfn.describeExecution(request -> request.executionArn(executionArn(name)));
    }

    /** Waits for the execution to stop running, however it ended. */
    static DescribeExecutionResponse awaitEnd(String name) {
        return Eventually.until(() -> describe(name), execution -> execution.status() != ExecutionStatus.RUNNING,
                "execution %s to end".formatted(name), Duration.ofSeconds(180));
    }

    /**
     * Waits for the execution to end and reads how: the error and cause come from its last history event, which
     * carries them for a stopped execution as well as for a failed one.
     */
    static Outcome awaitOutcome(String name) {
        ExecutionStatus status = awaitEnd(name).status();
        HistoryEvent last = history(name).getLast();
        return switch (last.type()) {
            case EXECUTION_FAILED -> new Outcome(status, last.executionFailedEventDetails().error(),
                    last.executionFailedEventDetails().cause());
            case EXECUTION_ABORTED -> new Outcome(status, last.executionAbortedEventDetails().error(),
                    last.executionAbortedEventDetails().cause());
            default -> new Outcome(status, null, null);
        };
    }

    static List<HistoryEvent> history(String name) {
        return AWS.sfn.getExecutionHistoryPaginator(request -> request.executionArn(executionArn(name)))
                .events().stream().toList();
    }

    /** Every execution of the state machine with this name, whatever its status. */
    static List<ExecutionListItem> executionsNamed(String name) {
        return AWS.sfn.listExecutionsPaginator(request -> request.stateMachineArn(STATE_MACHINE))
                .executions().stream()
                .filter(execution -> execution.name().equals(name))
                .toList();
    }

    /** How an execution ended; error and cause are null for one that succeeded. */
    record Outcome(ExecutionStatus status, String error, String cause) {
    }
}
