package io.meshcanary.port;

import java.util.Optional;

/** The canary workflow's executions (Step Functions). */
public interface Workflows {

    /**
     * Starts an execution; starting one whose name exists with the same input is a no-op.
     *
     * @return the execution ARN
     */
    String start(String name, String input);

    /** Stops a running execution; an execution that has ended is left as it is. */
    void stop(String name, String error, String cause);

    /**
     * The execution's status as Step Functions reports it: RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED.
     *
     * @return empty when there is no execution of that name
     */
    Optional<String> status(String name);

    /**
     * Lets an execution waiting at a manual gate go on.
     *
     * @param promote an operator asked to promote: at the gate before a step, the workflow analyses again and
     *     promotes if that round passes, instead of taking the next step
     */
    void approve(String taskToken, boolean promote);

    /** Fails the step an execution waits at, which rolls the rollout back. */
    void reject(String taskToken, String error, String cause);
}
