package io.meshcanary.functions.events;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshcanary.model.EventBridgeEvents;
import io.meshcanary.model.InvalidEventException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * What every EventBridge-triggered handler does around its use case: Powertools logging for the invocation, the
 * event read as JSON, a rejected event logged with the field it lacks and counted before it fails the invocation
 * (so that Lambda retries it, then dead-letters it), metrics flushed and log keys cleared whatever happens.
 */
public final class EventHandling {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Logger log;
    private final String eventKind;
    private final Metrics metrics = MetricsFactory.getMetricsInstance();

    /** @param eventKind what the handler receives, for the rejection log line: "task", "deployment", "alarm" */
    public EventHandling(Class<?> handler, String eventKind) {
        this.log = LoggerFactory.getLogger(handler);
        this.eventKind = eventKind;
    }

    public Metrics metrics() {
        return metrics;
    }

    /**
     * Writes {@code lines} with a rollout's keys in the log context. Powertools keeps its own service name under the
     * same key; it is put back afterwards, for the invocation's summary line.
     *
     * @param deployment null when the line concerns no deployment in particular; so may {@code execution} be
     */
    public void logAbout(String service, String deployment, String execution, Runnable lines) {
        String powertoolsService = MDC.get("service");
        MDC.put("service", service);
        putOrRemove("deployment", deployment);
        putOrRemove("execution", execution);
        try {
            lines.run();
        } finally {
            putOrRemove("service", powertoolsService);
            MDC.remove("deployment");
            MDC.remove("execution");
        }
    }

    private static void putOrRemove(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    /** Runs {@code useCase} on the event and writes its outcome as the invocation's JSON result. */
    public <T> void handle(InputStream input, OutputStream output, Context context, Function<JsonNode, T> useCase)
            throws IOException {
        T outcome = PowertoolsLogging.withLogging(context, () -> {
            try {
                return useCase.apply(EventBridgeEvents.read(input));
            } catch (InvalidEventException e) {
                log.error("rejected event", entry("event", eventKind), entry("field", e.field()),
                        entry("reason", e.getMessage()));
                metrics.addMetric("InvalidEvents", 1, MetricUnit.COUNT);
                throw e;
            } finally {
                metrics.flush();
                MDC.clear();
            }
        });
        JSON.writeValue(output, outcome);
    }
}
