package io.meshcanary.spec;

/** A canary spec that cannot be used; the message starts with the JSON path of the offending field. */
public class InvalidSpecException extends RuntimeException {

    private final String field;
    private final String problem;

    /**
     * @param field the dotted JSON path of the field, e.g. {@code steps.weights[1]}, or {@code $} for the document
     * @param problem what is wrong, in plain words
     */
    public InvalidSpecException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }

    /** The same problem, with the field named from further up the document (a record names only its own fields). */
    InvalidSpecException under(String parent) {
        return new InvalidSpecException(Paths.child(parent, field), problem);
    }
}
