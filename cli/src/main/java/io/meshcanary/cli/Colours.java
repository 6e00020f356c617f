package io.meshcanary.cli;

/**
 * Picocli markup for a phase's colour, which {@code Ansi.string} renders on a terminal and strips elsewhere. The
 * markup takes no room once rendered, so it wraps a value already padded to its column.
 */
final class Colours {

    private Colours() {
    }

    /** {@code phase} padded to 12 columns, green when promoted, red when failed, yellow while it runs. */
    static String phase(String phase) {
        String padded = "%-12s".formatted(phase);
        String colour = switch (phase) {
            case "SUCCEEDED" -> "green";
            case "FAILED", "ABORTED", "ROLLING_BACK" -> "red";
            case "NONE", "SUPERSEDED" -> "faint";
            default -> "yellow";
        };
        return "@|" + colour + " " + padded + "|@";
    }
}
