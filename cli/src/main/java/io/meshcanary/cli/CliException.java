package io.meshcanary.cli;

/**
 * A command that cannot do what it was asked, with the exit code that says why and a message that names what is
 * wrong and what to do.
 */
final class CliException extends RuntimeException {

    /** The rollout failed, or the command was refused (there is nothing to approve, nothing to retry). */
    static final int REFUSED = 1;
    /** Bad usage or bad input: an unknown app, an invalid spec, a stack that cannot be found. */
    static final int BAD_INPUT = 2;

    private final int exitCode;

    private CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    static CliException refused(String message) {
        return new CliException(REFUSED, message);
    }

    static CliException badInput(String message) {
        return new CliException(BAD_INPUT, message);
    }

    int exitCode() {
        return exitCode;
    }
}
