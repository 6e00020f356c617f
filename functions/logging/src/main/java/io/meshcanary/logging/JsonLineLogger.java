package io.meshcanary.logging;

import java.time.Instant;
import java.util.Map;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;

/**
 * Writes each enabled event as one JSON line on standard output, where the Lambda runtime takes a function's log.
 * Standard output is looked up per line: a host that redirects it after the logger was made still gets the line.
 */
final class JsonLineLogger extends LegacyAbstractLogger {

    JsonLineLogger(String name) {
        this.name = name;
    }

    @Override
    public boolean isTraceEnabled() {
        return LogLevels.enabled(name, Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return LogLevels.enabled(name, Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return LogLevels.enabled(name, Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return LogLevels.enabled(name, Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return LogLevels.enabled(name, Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
            Throwable error) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        System.out.println(JsonLine.format(level, pattern, arguments, error, context == null ? Map.of() : context,
                Instant.now()));
    }
}
