package io.meshcanary.rollout;

import java.util.List;

/**
 * The error names the canary workflow's {@code Retry} and {@code Catch} clauses match, part of the API between the
 * rollout-steps function and {@code statemachines/canary.asl.json}. The Lambda Java runtime reports a thrown
 * exception's fully-qualified class name as the error, so each name is that of the class the function throws:
 * renaming or moving one of these classes would silently change which Catch fires, and the rollout-steps
 * function's {@code WorkflowContractTest} fails until the ASL, this list and the class agree again.
 */
public final class WorkflowErrors {

    /** A throttled or failed AWS call after the SDK's own retries; every step retries it with backoff. */
    public static final String TRANSIENT_AWS = "io.meshcanary.aws.TransientAwsException";
    /** A lost conditional write of the rollout record; every step retries it, re-reading the record. */
    public static final String CONCURRENT_UPDATE = "io.meshcanary.port.ConcurrentUpdateException";
    /** A newer rollout owns the record; the execution stops without touching traffic. */
    public static final String SUPERSEDED = "io.meshcanary.rollout.SupersededException";
    /** An execution input that cannot start or steer a rollout. */
    public static final String INVALID_INPUT = "io.meshcanary.rollout.InvalidInputException";
    /** A canary spec that fails its schema or a rule; the rollout never starts. */
    public static final String INVALID_SPEC = "io.meshcanary.spec.InvalidSpecException";
    /** A deployment that releases nothing, such as ECS's circuit-breaker rollback; the execution ends quietly. */
    public static final String NO_RELEASE = "io.meshcanary.rollout.NoReleaseException";

    /** Every name above: what the workflow may match besides Step Functions' and Lambda's own errors. */
    public static final List<String> ALL = List.of(TRANSIENT_AWS, CONCURRENT_UPDATE, SUPERSEDED, INVALID_INPUT,
            INVALID_SPEC, NO_RELEASE);

    private WorkflowErrors() {
    }
}
