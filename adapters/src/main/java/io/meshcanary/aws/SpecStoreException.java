package io.meshcanary.aws;

/** A canary spec that could not be read, for another reason than its absence: the error names the parameter. */
public class SpecStoreException extends RuntimeException {

    public SpecStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
