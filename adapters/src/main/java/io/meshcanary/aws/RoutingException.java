package io.meshcanary.aws;

/** A router call failed; the message names the route it was about. */
public class RoutingException extends RuntimeException {

    public RoutingException(String message, Throwable cause) {
        super(message, cause);
    }
}
