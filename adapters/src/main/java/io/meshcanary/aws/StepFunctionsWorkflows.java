package io.meshcanary.aws;

import io.meshcanary.port.Workflows;
import java.util.Optional;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** Executions of the canary state machine, named so that a start is idempotent. */
public final class StepFunctionsWorkflows implements Workflows {

    private final SfnClient sfn;
    private final String stateMachineArn;

    public StepFunctionsWorkflows(SfnClient sfn, String stateMachineArn) {
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
    }

    @Override
    public String start(String name, String input) {
        try {
            return sfn.startExecution(request -> request.stateMachineArn(stateMachineArn).name(name).input(input))
                    .executionArn();
        } catch (ExecutionAlreadyExistsException e) {
            // A duplicate deployment event: the execution it asks for is already there.
            return executionArn(name);
        }
    }

    @Override
    public void stop(String name, String error, String cause) {
        String arn = executionArn(name);
        try {
            if (sfn.describeExecution(request -> request.executionArn(arn)).status() == ExecutionStatus.RUNNING) {
                sfn.stopExecution(request -> request.executionArn(arn).error(error).cause(cause));
            }
        } catch (ExecutionDoesNotExistException e) {
            // Nothing to stop.
        }
    }

    @Override
    public Optional<String> status(String name) {
        try {
            return Optional.of(sfn.describeExecution(request -> request.executionArn(executionArn(name)))
                    .statusAsString());
        } catch (ExecutionDoesNotExistException e) {
            return Optional.empty();
        }
    }

    @Override
    public void approve(String taskToken, boolean promote) {
        sfn.sendTaskSuccess(request -> request.taskToken(taskToken)
                .output("{\"approved\":true,\"promote\":%b}".formatted(promote)));
    }

    @Override
    public void reject(String taskToken, String error, String cause) {
        sfn.sendTaskFailure(request -> request.taskToken(taskToken).error(error).cause(cause));
    }

    String executionArn(String name) {
        return stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + name;
    }
}
