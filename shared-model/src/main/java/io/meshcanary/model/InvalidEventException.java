package io.meshcanary.model;

/**
 * An event that cannot be acted on. The message starts with the path of the offending field, so that the error
 * log and the dead-letter queue entry say what to fix.
 */
public class InvalidEventException extends RuntimeException {

    private final String field;

    public InvalidEventException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public InvalidEventException(String field, String problem, Throwable cause) {
        super(field + ": " + problem, cause);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
