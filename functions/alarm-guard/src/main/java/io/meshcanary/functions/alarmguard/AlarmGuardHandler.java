package io.meshcanary.functions.alarmguard;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.meshcanary.aws.Adapters;
import io.meshcanary.functions.events.EventHandling;
import io.meshcanary.model.DeploymentStateChange;
import io.meshcanary.model.EventBridgeEvents;
import io.meshcanary.model.InvalidEventException;
import io.meshcanary.rollout.AlarmGuard;
import io.meshcanary.rollout.AlarmOutcome;
import io.meshcanary.rollout.AlarmOutcome.GuardedRollout;
import io.meshcanary.rollout.DeploymentGuard;
import io.meshcanary.rollout.DeploymentOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The fast path. CloudWatch Alarm State Change to ALARM → the active rollouts the alarm guards go back to the primary
 * at once; ECS Deployment State Change SERVICE_DEPLOYMENT_FAILED (the circuit breaker) → the rollout of that
 * deployment does.
 */
public final class AlarmGuardHandler implements RequestStreamHandler {

    static final String DETAIL_TYPE = "CloudWatch Alarm State Change";
    private static final String DEPLOYMENT_FAILED = "SERVICE_DEPLOYMENT_FAILED";
    private static final Set<String> STATES = Set.of("ALARM", "OK", "INSUFFICIENT_DATA");
    private static final Logger LOG = LoggerFactory.getLogger(AlarmGuardHandler.class);

    private final AlarmGuard guard;
    private final DeploymentGuard deployments;
    private final EventHandling handling = new EventHandling(AlarmGuardHandler.class, "alarm");

    public AlarmGuardHandler() {
        this(Adapters.fromEnvironment());
    }

    private AlarmGuardHandler(Adapters adapters) {
        this(adapters.alarmGuard(), adapters.deploymentGuard());
    }

    AlarmGuardHandler(AlarmGuard guard, DeploymentGuard deployments) {
        this.guard = guard;
        this.deployments = deployments;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        handling.handle(input, output, context, event -> DeploymentStateChange.DETAIL_TYPE.equals(
                event.path("detail-type").asText()) ? deploymentFailed(event) : guard(event));
    }

    private DeploymentOutcome deploymentFailed(JsonNode event) {
        DeploymentStateChange failed = DeploymentStateChange.read(event, DEPLOYMENT_FAILED);
        MDC.put("deployment", failed.deploymentId());
        MDC.put("ecsService", failed.serviceArn());
        DeploymentOutcome outcome = deployments.onDeploymentFailed(failed.serviceArn(), failed.deploymentId(),
                failed.reason(), failed.time());
        handling.metrics().addMetric("DeploymentFailure_" + outcome.action(), 1, MetricUnit.COUNT);
        if (outcome.action().equals(DeploymentOutcome.ABORTED)) {
            handling.metrics().addMetric("DeploymentFailureAborts", 1, MetricUnit.COUNT);
        }
        LOG.info("deployment failure handled", entry("action", outcome.action()),
                entry("execution", outcome.execution()));
        return outcome;
    }

    private AlarmOutcome guard(JsonNode event) {
        JsonNode detail = EventBridgeEvents.detail(event, DETAIL_TYPE);
        String alarm = EventBridgeEvents.text(detail, "alarmName", "detail.alarmName");
        JsonNode state = detail.get("state");
        if (state == null || !state.isObject()) {
            throw new InvalidEventException("detail.state", "is missing or not an object");
        }
        String value = EventBridgeEvents.text(state, "value", "detail.state.value");
        if (!STATES.contains(value)) {
            throw new InvalidEventException("detail.state.value", "expected one of " + STATES + ", was " + value);
        }
        MDC.put("alarm", alarm);
        AlarmOutcome outcome = guard.onAlarmEvent(alarm, value, state.path("reason").asText(""),
                EventBridgeEvents.time(event));
        handling.metrics().addMetric("Alarm_" + outcome.action(), 1, MetricUnit.COUNT);
        for (GuardedRollout rollout : outcome.rollouts()) {
            handling.logAbout(rollout.service(), rollout.deploymentId(), rollout.execution(), () -> LOG.info(
                    rollout.abortedNow() ? "rollout aborted by alarm" : "rollout already aborted",
                    entry("state", value)));
            if (rollout.abortedNow()) {
                handling.metrics().addMetric("AlarmAborts", 1, MetricUnit.COUNT);
            }
        }
        LOG.info("alarm handled", entry("action", outcome.action()), entry("state", value),
                entry("rollouts", outcome.rollouts().size()));
        return outcome;
    }
}
