package io.meshcanary.local.testfunctions;

/** Thrown by {@link EchoHandler} on request; its class name is the error type callers must see. */
public final class EchoFailedException extends RuntimeException {
    public EchoFailedException(String message) {
        super(message);
    }
}
