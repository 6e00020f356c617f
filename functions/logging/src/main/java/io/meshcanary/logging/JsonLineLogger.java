package io.meshcanary.logging;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.spi.LoggingEventAware;

/**
 * Writes each enabled event as one JSON line on standard output, where the Lambda runtime takes a function's log.
 * Standard output is looked up per line: a host that redirects it after the logger was made still gets the line.
 */
final class JsonLineLogger extends LegacyAbstractLogger implements LoggingEventAware {

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
        write(level, pattern, arguments, error, List.of());
    }

    /** The fluent API's events ({@code LOG.atWarn().addKeyValue(...)}), whose pairs become keys of the line. */
    @Override
    public void log(LoggingEvent event) {
        if (LogLevels.enabled(name, event.getLevel())) {
            List<KeyValuePair> pairs = event.getKeyValuePairs();
            write(event.getLevel(), event.getMessage(), event.getArgumentArray(), event.getThrowable(),
                    pairs == null ? List.of() : pairs);
        }
    }

    private void write(Level level, String pattern, Object[] arguments, Throwable error, List<KeyValuePair> pairs) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        System.out.println(JsonLine.format(level, pattern, arguments, error, context == null ? Map.of() : context,
                pairs, Instant.now()));
    }
}
