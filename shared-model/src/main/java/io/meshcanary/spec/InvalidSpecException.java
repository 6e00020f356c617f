package io.meshcanary.spec;

/** A canary spec that cannot be used; the message starts with the JSON path of the offending field. */
public class InvalidSpecException extends RuntimeException {

    private final String field;

    public InvalidSpecException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
