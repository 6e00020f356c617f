package io.meshcanary.logging;

import org.slf4j.Logger;
import org.slf4j.event.Level;
import software.amazon.lambda.powertools.logging.internal.LoggingManager;

/** Lets Powertools' log sampling raise meshcanary's own loggers to DEBUG for a sampled invocation, and back. */
public final class JsonLinesLevels implements LoggingManager {

    @Override
    public void setLogLevel(Level level) {
        LogLevels.setOwn(level);
    }

    @Override
    public Level getLogLevel(Logger logger) {
        return LogLevels.threshold(logger.getName());
    }
}
