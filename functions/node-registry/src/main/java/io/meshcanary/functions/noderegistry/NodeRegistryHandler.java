package io.meshcanary.functions.noderegistry;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.meshcanary.aws.Adapters;
import io.meshcanary.functions.events.EventHandling;
import io.meshcanary.registry.NodeRegistry;
import io.meshcanary.registry.RegistryOutcome;
import io.meshcanary.rollout.CrashOutcome;
import io.meshcanary.spec.InvalidSpecException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/** ECS Task State Change → Cloud Map registration and per-track virtual node. */
public final class NodeRegistryHandler implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(NodeRegistryHandler.class);

    private final NodeRegistry registry;
    private final EventHandling handling = new EventHandling(NodeRegistryHandler.class, "task");

    public NodeRegistryHandler() {
        this(Adapters.fromEnvironment().nodeRegistry());
    }

    NodeRegistryHandler(NodeRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        handling.handle(input, output, context, this::reconcile);
    }

    private RegistryOutcome reconcile(JsonNode event) {
        MDC.put("taskArn", event.path("detail").path("taskArn").asText(""));
        MDC.put("ecsTaskGroup", event.path("detail").path("group").asText(""));
        try {
            RegistryOutcome outcome = registry.reconcile(TaskStateChangeEvent.read(event));
            handling.metrics().addMetric("Task" + outcome.action().name(), 1, MetricUnit.COUNT);
            if (outcome.crash() != CrashOutcome.NO_CRASH) {
                handling.metrics().addMetric("Crash" + outcome.crash().name(), 1, MetricUnit.COUNT);
            }
            LOG.info("task reconciled", entry("action", outcome.action()), entry("taskId", outcome.taskId()),
                    entry("virtualNodeCreated", outcome.virtualNodeCreated()), entry("crash", outcome.crash()));
            return outcome;
        } catch (InvalidSpecException e) {
            LOG.error("onboarded service has an unusable canary spec", entry("field", e.field()),
                    entry("reason", e.getMessage()));
            throw e;
        }
    }


}
