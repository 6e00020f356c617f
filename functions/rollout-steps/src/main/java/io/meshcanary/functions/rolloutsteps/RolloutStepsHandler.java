package io.meshcanary.functions.rolloutsteps;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.meshcanary.aws.Adapters;
import io.meshcanary.aws.TransientAwsException;
import io.meshcanary.port.SpecStore;
import io.meshcanary.rollout.Decision;
import io.meshcanary.rollout.InvalidInputException;
import io.meshcanary.rollout.OperatorCommand;
import io.meshcanary.rollout.Plan;
import io.meshcanary.rollout.Rollout;
import io.meshcanary.rollout.RolloutContext;
import io.meshcanary.rollout.RolloutSteps;
import io.meshcanary.rollout.StepTaken;
import io.meshcanary.spec.CanarySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The Task states of the canary workflow. Each invocation names its {@code action}; the handler binds the payload to
 * that action's {@link StepRequest}, calls the one matching step of {@link RolloutSteps}, and returns that action's
 * {@link StepReply}, the small document the next Choice state reads.
 * Exceptions reach Step Functions as errors named by their class; the names the workflow's Retry and Catch clauses
 * match are {@link io.meshcanary.rollout.WorkflowErrors}.
 */
public final class RolloutStepsHandler implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RolloutStepsHandler.class);
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            // Instants as ISO-8601 text, which the workflow passes back to the next step as it got it.
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private final RolloutSteps steps;
    private final SpecStore specs;
    private final String gateSecretPrefix;
    private final Metrics metrics = MetricsFactory.getMetricsInstance();

    public RolloutStepsHandler() {
        this(Adapters.fromEnvironment());
    }

    private RolloutStepsHandler(Adapters adapters) {
        this(adapters.rolloutSteps(), adapters.specStore(), adapters.gateSecretPrefix());
    }

    /** @param gateSecretPrefix the SSM path under which gate secrets may lie: the only names this function may read */
    RolloutStepsHandler(RolloutSteps steps, SpecStore specs, String gateSecretPrefix) {
        this.steps = steps;
        this.specs = specs;
        this.gateSecretPrefix = gateSecretPrefix;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        StepReply result = PowertoolsLogging.withLogging(context, () -> {
            try {
                return run(read(input));
            } catch (RuntimeException e) {
                throw TransientAwsException.classify(e);
            } finally {
                metrics.flush();
                MDC.clear();
            }
        });
        JSON.writeValue(output, result);
    }

    private StepReply run(JsonNode payload) {
        // Keys for the log lines of a payload too broken to bind, too.
        MDC.put("execution", payload.path("execution").asText(""));
        MDC.put("action", payload.path("action").asText(""));
        try {
            StepReply result = switch (StepPayloads.read(payload)) {
                case StepRequest.Initialize step -> initialize(step.input(), step.execution());
                case StepRequest.Offboard step -> offboard(step.input(), step.execution());
                case StepRequest.Command step -> command(step.input());
                case StepRequest.OnContext step -> step(step);
            };
            LOG.info("step done", entry("result", JSON.valueToTree(result)));
            return result;
        } catch (RuntimeException e) {
            LOG.error("step failed", entry("errorType", e.getClass().getName()), entry("reason", e.getMessage()));
            throw e;
        }
    }

    private StepReply initialize(ExecutionInput input, String execution) {
        MDC.put("service", input.service());
        input.deploymentId().ifPresent(id -> MDC.put("deployment", id));
        String specJson = input.spec().map(JsonNode::toString)
                .orElseGet(() -> specs.source(input.cluster(), input.service()).orElseThrow(() ->
                        new InvalidInputException("service", ("%s in cluster %s is not onboarded: it has no stored "
                                + "canary spec, and the input has no inline spec").formatted(input.service(),
                                input.cluster()))));
        CanarySpec spec = CanarySpec.parse(specJson);
        spec.requireGateSecretsUnder(gateSecretPrefix);
        RolloutContext context = new RolloutContext(input.cluster(), input.service(), execution, spec);
        Plan plan = steps.initialize(context, input.deploymentId().orElse(execution), specJson);
        metrics.addDimension("App", context.service());
        metrics.addMetric(plan.bootstrap() ? "Bootstraps" : "RolloutsStarted", 1, MetricUnit.COUNT);
        return new StepReply.Started(withContext(input, input.deploymentId().orElse(execution), specJson), plan);
    }

    /** Offboarding works from the spec the last rollout followed when the team removed the stored one. */
    private StepReply offboard(ExecutionInput input, String execution) {
        MDC.put("service", input.service());
        String specJson = input.spec().map(JsonNode::toString)
                .or(() -> specs.source(input.cluster(), input.service()))
                .orElseGet(() -> steps.recordedSpec(input.cluster(), input.service()));
        CanarySpec spec = CanarySpec.parse(specJson);
        Optional<Instant> since = steps.offboard(new RolloutContext(input.cluster(), input.service(), execution,
                spec));
        return new StepReply.OffboardStarted(withContext(input, execution, specJson), since.isEmpty(),
                since.orElse(Instant.EPOCH), Plan.pollSecondsFor(spec, spec.timeouts().capacitySeconds()));
    }

    /**
     * The deployment rides along in the context every later step receives, for their log lines' keys. The spec does
     * too, redacted: the execution's data is visible to whoever may read its history, and it is logged; a gate is
     * asked from the record's spec.
     */
    private ObjectNode withContext(ExecutionInput input, String deployment, String specJson) {
        ObjectNode context = JSON.createObjectNode().put("cluster", input.cluster()).put("app", input.service())
                .put("deployment", deployment);
        context.set("spec", CanarySpec.redacted(readTree(specJson)));
        return context;
    }

    private StepReply command(ExecutionInput input) {
        MDC.put("service", input.service());
        OperatorCommand command = OperatorCommand.named(input.action()
                .orElseThrow(() -> new InvalidInputException("action", "is required")));
        steps.command(command, input.cluster(), input.service(), input.reason().orElse("aborted by an operator"));
        return new StepReply.CommandDone(input.service(), command.label());
    }

    private StepReply step(StepRequest.OnContext request) {
        RolloutContext context = context(request);
        return switch (request) {
            case StepRequest.ScaleCanary step -> new StepReply.WaitFrom(steps.scaleCanary(context));
            case StepRequest.CheckCapacity step -> new StepReply.Capacity(
                    steps.capacityReady(context, step.track(), step.since()));
            case StepRequest.SetWeight step -> {
                StepTaken taken = steps.setWeight(context, step.stepsDone());
                metrics.addMetric("CanaryWeight", taken.weights().canary(), MetricUnit.PERCENT);
                yield new StepReply.WeightSet(taken.reached() ? step.stepsDone() + 1 : step.stepsDone(),
                        taken.weights().canary(), taken.reached());
            }
            case StepRequest.Analyze step -> {
                Decision decision = steps.analyze(context);
                metrics.addMetric("Analysis_" + decision.next().label(), 1, MetricUnit.COUNT);
                yield new StepReply.Analyzed(decision.next(), decision.summary(), decision.pause());
            }
            case StepRequest.PassGate step -> {
                steps.passGate(context, step.stage());
                yield new StepReply.GateOpen(true);
            }
            case StepRequest.AwaitApproval step -> {
                steps.awaitApproval(context, step.stage(), step.token());
                yield new StepReply.AwaitingApproval(true);
            }
            case StepRequest.Promote step -> new StepReply.WaitFrom(steps.promote(context));
            case StepRequest.Finish step -> {
                steps.finish(context).ifPresent(ended -> countEnd("Promotions", ended));
                yield new StepReply.Promoted(true);
            }
            case StepRequest.Offboarded step -> {
                steps.offboarded(context);
                yield new StepReply.Offboarded(true);
            }
            case StepRequest.Rollback step -> {
                steps.rollback(context, reason(step.error())).ifPresent(ended -> countEnd("Rollbacks", ended));
                yield new StepReply.RolledBack(true);
            }
        };
    }

    /** Counted when the record ends, not per call, so that a retried step does not count a rollout twice. */
    private void countEnd(String outcome, Rollout ended) {
        if (!ended.bootstrap()) {
            metrics.addMetric(outcome, 1, MetricUnit.COUNT);
            metrics.addMetric("RolloutDuration", ended.duration().toMillis() / 1000.0, MetricUnit.SECONDS);
        }
    }

    private RolloutContext context(StepRequest.OnContext request) {
        StepRequest.StepContext context = request.context();
        MDC.put("service", context.app());
        context.deploymentId().ifPresent(deployment -> MDC.put("deployment", deployment));
        metrics.addDimension("App", Rollout.key(context.cluster(), context.app()));
        return new RolloutContext(context.cluster(), context.app(), request.execution(),
                CanarySpec.readValidated(context.spec()));
    }

    /** The workflow's error: {@code Cause} is the failed step's Lambda error document, or plain text. */
    static String reason(JsonNode error) {
        String name = error.path("Error").asText("Error");
        String cause = error.path("Cause").asText("");
        try {
            JsonNode lambdaError = JSON.readTree(cause);
            if (lambdaError.hasNonNull("errorMessage")) {
                cause = lambdaError.get("errorMessage").asText();
            }
        } catch (JsonProcessingException e) {
            // Plain text, as Step Functions' own errors and the analysis summary are.
        }
        return cause.isBlank() ? name : name + ": " + cause;
    }

    private static JsonNode read(InputStream input) {
        try {
            return JSON.readTree(input);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("$", "the step payload is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("read the step payload", e);
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("spec", "is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
