package io.meshcanary.local.iam;

/**
 * A function called an SDK operation that {@link OperationResources} does not map to IAM's action and resource:
 * the call fails, so that a test shows the gap instead of the call going unchecked.
 */
public final class UnmappedOperationException extends RuntimeException {

    UnmappedOperationException(Class<?> request) {
        super(("the local IAM check does not know %s; add it to io.meshcanary.local.iam.OperationResources with its"
                + " action and resource ARN from the Service Authorization Reference").formatted(request.getName()));
    }
}
