package io.meshcanary.local.support;

/** A call to the emulator failed; the message carries the operation and the emulator's answer. */
public final class AwsCallException extends RuntimeException {
    public AwsCallException(String message) {
        super(message);
    }

    public AwsCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
