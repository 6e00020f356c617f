package io.meshcanary.nativemode;

/** A service that ECS cannot deploy in steps meshcanary can pause; the message says what the team would change. */
public class UnfitServiceException extends RuntimeException {

    public UnfitServiceException(String message) {
        super(message);
    }
}
