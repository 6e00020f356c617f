package io.meshcanary.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * An AWS call that failed for a passing reason (throttling, a 5xx, a dropped connection) after the SDK's own
 * retries. The workflow retries the step with backoff instead of rolling back.
 */
public class TransientAwsException extends RuntimeException {

    public TransientAwsException(Throwable cause) {
        super(cause.getMessage(), cause);
    }

    /** Wraps {@code failure} when it is transient, so the workflow can tell it from a real failure. */
    public static RuntimeException classify(RuntimeException failure) {
        // Adapters wrap SDK errors to name their resource; the SDK error decides whether it may pass.
        Throwable sdkError = failure instanceof SdkException ? failure : failure.getCause();
        if (sdkError instanceof AwsServiceException service && (service.isThrottlingException()
                || service.statusCode() >= 500)) {
            return new TransientAwsException(failure);
        }
        if (sdkError instanceof SdkException sdk && !(sdkError instanceof AwsServiceException) && sdk.retryable()) {
            return new TransientAwsException(failure);
        }
        return failure;
    }
}
