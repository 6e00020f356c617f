package io.meshcanary.logging;

import java.util.Locale;
import org.slf4j.event.Level;

/**
 * The level each logger writes at: meshcanary's own at {@code POWERTOOLS_LOG_LEVEL} (INFO by default), which
 * Powertools' log sampling may lower for an invocation, and every library's (the SDK, Jackson) at WARN.
 */
final class LogLevels {

    private static final String OWN = "io.meshcanary";

    private static volatile Level own = fromName(System.getenv("POWERTOOLS_LOG_LEVEL"));

    private LogLevels() {
    }

    static boolean enabled(String logger, Level level) {
        return level.toInt() >= threshold(logger).toInt();
    }

    static Level threshold(String logger) {
        return logger.startsWith(OWN) ? own : Level.WARN;
    }

    static void setOwn(Level level) {
        own = level;
    }

    static Level fromName(String name) {
        if (name == null || name.isBlank()) {
            return Level.INFO;
        }
        String upper = name.trim().toUpperCase(Locale.ROOT);
        return switch (upper) {
            case "FATAL", "CRITICAL" -> Level.ERROR;
            case "WARNING" -> Level.WARN;
            default -> Level.valueOf(upper);
        };
    }
}
