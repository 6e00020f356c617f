package io.meshcanary.port;

/**
 * An automatic gate gave no answer within its {@code timeoutSeconds}. Not a closed gate: the workflow names it as a
 * gate that did not answer, instead of letting the step run into its own Lambda timeout.
 */
public class GateTimeoutException extends RuntimeException {

    public GateTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
