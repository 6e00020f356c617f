package io.meshcanary.functions.deploymenttrigger;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.meshcanary.aws.Adapters;
import io.meshcanary.functions.events.EventHandling;
import io.meshcanary.model.DeploymentStateChange;
import io.meshcanary.model.HookStateChange;
import io.meshcanary.rollout.DeploymentTrigger;
import io.meshcanary.rollout.TriggerOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * ECS Deployment State Change (IN_PROGRESS) of an onboarded service, or ECS Hook State Change (HOOK_AWAITING_ACTION)
 * of a native app's service deployment → a canary workflow execution.
 */
public final class DeploymentTriggerHandler implements RequestStreamHandler {

    private static final String IN_PROGRESS = "SERVICE_DEPLOYMENT_IN_PROGRESS";
    private static final Logger LOG = LoggerFactory.getLogger(DeploymentTriggerHandler.class);

    private final DeploymentTrigger trigger;
    private final EventHandling handling = new EventHandling(DeploymentTriggerHandler.class, "deployment");

    public DeploymentTriggerHandler() {
        this(Adapters.fromEnvironment().deploymentTrigger());
    }

    DeploymentTriggerHandler(DeploymentTrigger trigger) {
        this.trigger = trigger;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        handling.handle(input, output, context, this::trigger);
    }

    private TriggerOutcome trigger(JsonNode event) {
        TriggerOutcome outcome;
        if (HookStateChange.DETAIL_TYPE.equals(event.path("detail-type").asText())) {
            HookStateChange pause = HookStateChange.read(event);
            MDC.put("deployment", pause.serviceDeploymentArn());
            MDC.put("ecsService", pause.serviceArn());
            MDC.put("hook", pause.hookId());
            outcome = trigger.onPauseAwaiting(pause);
        } else {
            DeploymentStateChange started = DeploymentStateChange.read(event, IN_PROGRESS);
            MDC.put("deployment", started.deploymentId());
            MDC.put("ecsService", started.serviceArn());
            outcome = trigger.onDeploymentInProgress(started.serviceArn(), started.deploymentId());
        }
        handling.metrics().addMetric("Trigger_" + outcome.action(), 1, MetricUnit.COUNT);
        LOG.info("deployment handled", entry("action", outcome.action()), entry("execution", outcome.execution()),
                entry("reason", outcome.reason()));
        return outcome;
    }
}
