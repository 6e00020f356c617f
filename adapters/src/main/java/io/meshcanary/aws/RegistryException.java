package io.meshcanary.aws;

/** A service registry call failed; the message names the Cloud Map service it was about. */
public class RegistryException extends RuntimeException {

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
