package io.meshcanary.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The template's functions, and the one environment they share. All functions run in one JVM, whose environment
 * is fixed when it starts, so a variable must have the same value wherever the template sets it.
 *
 * @param unemulatedEvents function events that are accepted but never fire locally, as "Function.Events.Name
 *     (Type)"; schedules are among them, since a test invokes the function rather than wait for a schedule
 */
public record FunctionCatalog(
        List<FunctionDefinition> functions, Map<String, String> environment, List<String> unemulatedEvents) {

    public static final String TYPE = "AWS::Serverless::Function";
    /** SAM's MemorySize for a function that sets none, in its properties or in Globals. */
    public static final int DEFAULT_MEMORY_MB = 128;
    /** SAM's Timeout, likewise. */
    private static final int DEFAULT_TIMEOUT_SECONDS = 3;

    /**
     * Properties that change nothing when the code runs in-process: packaging, tracing, publishing. Policies are the
     * IAM check's ({@link RolePolicies}), not the host's.
     */
    private static final Set<String> IGNORED_PROPERTIES = Set.of(
            "Architectures", "AutoPublishAlias", "AutoPublishAliasAllProperties", "AutoPublishCodeSha256",
            "CodeUri", "DeploymentPreference", "Description", "EphemeralStorage", "FunctionName", "KmsKeyArn",
            "LoggingConfig", "PermissionsBoundary", "Policies", "PropagateTags", "ProvisionedConcurrencyConfig",
            "RecursiveLoop", "ReservedConcurrentExecutions", "Role", "Runtime", "RuntimeManagementConfig",
            "SnapStart", "Tags", "Tracing", "VpcConfig");
    private static final Set<String> HOSTED_PROPERTIES = Set.of(
            "Handler", "Timeout", "MemorySize", "Environment", "DeadLetterQueue", "EventInvokeConfig", "Events");
    private static final Set<String> IGNORED_RULE_PROPERTIES = Set.of(
            // EventBridge retries and dead-letters failed deliveries to Lambda; a local delivery never fails.
            "RetryPolicy", "DeadLetterConfig", "Target");
    private static final Set<String> RULE_PROPERTIES = Stream.concat(
            Stream.of("Pattern", "EventBusName", "RuleName", "State"), IGNORED_RULE_PROPERTIES.stream())
            .collect(Collectors.toUnmodifiableSet());
    private static final Set<String> ASYNC_INVOKE_PROPERTIES = Set.of(
            "MaximumRetryAttempts", "MaximumEventAgeInSeconds");
    private static final Set<String> UNEMULATED_EVENT_TYPES = Set.of("Schedule", "ScheduleV2");

    public FunctionCatalog {
        functions = List.copyOf(functions);
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        unemulatedEvents = List.copyOf(unemulatedEvents);
    }

    public static FunctionCatalog from(Template template, Stack stack) {
        Intrinsics intrinsics = stack.intrinsics();
        SharedEnvironment environment = new SharedEnvironment();
        environment.addAll(template.functionGlobals().path("Environment"), "Globals.Function.Environment",
                intrinsics);
        List<FunctionDefinition> functions = new ArrayList<>();
        List<String> unemulatedEvents = new ArrayList<>();
        for (TemplateResource resource : template.resourcesOfType(TYPE)) {
            FunctionProperties properties = new FunctionProperties(resource, template.functionGlobals());
            environment.addAll(resource.properties().path("Environment"), resource.path("Environment"), intrinsics);
            functions.add(function(resource, properties, stack, intrinsics, unemulatedEvents));
        }
        return new FunctionCatalog(functions, environment.variables(), unemulatedEvents);
    }

    private static FunctionDefinition function(TemplateResource resource, FunctionProperties properties,
            Stack stack, Intrinsics intrinsics, List<String> unemulatedEvents) {
        PhysicalResource physical = stack.resource(resource.logicalId());
        String handler = intrinsics.resolveText(properties.get("Handler"), resource.path("Handler"));
        return new FunctionDefinition(
                resource.logicalId(),
                physical.name(),
                physical.attributes().get("Arn"),
                HandlerSpec.parse(handler, resource.path("Handler")),
                Duration.ofSeconds(integer(properties, "Timeout", DEFAULT_TIMEOUT_SECONDS, intrinsics)),
                integer(properties, "MemorySize", DEFAULT_MEMORY_MB, intrinsics),
                asyncInvokeConfig(properties.get("EventInvokeConfig"), resource.path("EventInvokeConfig"), intrinsics),
                deadLetterQueueUrl(properties.get("DeadLetterQueue"), resource.path("DeadLetterQueue"), stack),
                rules(resource, stack, intrinsics, unemulatedEvents));
    }

    private static int integer(FunctionProperties properties, String name, int defaultValue, Intrinsics intrinsics) {
        JsonNode value = properties.get(name);
        String path = properties.resource().path(name);
        return value.isMissingNode() ? defaultValue : Nodes.integer(intrinsics.resolve(value, path), path);
    }

    private static AsyncInvokeConfig asyncInvokeConfig(JsonNode config, String path, Intrinsics intrinsics) {
        if (config.isMissingNode()) {
            return AsyncInvokeConfig.LAMBDA_DEFAULT;
        }
        JsonNode resolved = intrinsics.resolve(Nodes.object(config, path), path);
        Nodes.requireOnly(resolved, ASYNC_INVOKE_PROPERTIES, path);
        AsyncInvokeConfig defaults = AsyncInvokeConfig.LAMBDA_DEFAULT;
        return new AsyncInvokeConfig(
                resolved.has("MaximumRetryAttempts")
                        ? Nodes.integer(resolved.get("MaximumRetryAttempts"), path + ".MaximumRetryAttempts")
                        : defaults.maximumRetryAttempts(),
                resolved.has("MaximumEventAgeInSeconds")
                        ? Duration.ofSeconds(Nodes.integer(resolved.get("MaximumEventAgeInSeconds"),
                                path + ".MaximumEventAgeInSeconds"))
                        : defaults.maximumEventAge());
    }

    private static Optional<String> deadLetterQueueUrl(JsonNode deadLetterQueue, String path, Stack stack) {
        if (deadLetterQueue.isMissingNode()) {
            return Optional.empty();
        }
        JsonNode resolved = stack.intrinsics().resolve(Nodes.object(deadLetterQueue, path), path);
        String type = Nodes.text(resolved.get("Type"), path + ".Type");
        if (!type.equals("SQS")) {
            throw new TemplateException("%s.Type: only SQS dead-letter queues are emulated, not %s"
                    .formatted(path, type));
        }
        String arn = Nodes.text(resolved.get("TargetArn"), path + ".TargetArn");
        String[] parts = arn.split(":");
        if (parts.length != 6 || !parts[2].equals("sqs")) {
            throw new TemplateException("%s.TargetArn: '%s' is not an SQS queue ARN".formatted(path, arn));
        }
        return Optional.of(stack.environment().queueUrl(parts[5]));
    }

    private static List<RuleDefinition> rules(TemplateResource resource, Stack stack, Intrinsics intrinsics,
            List<String> unemulatedEvents) {
        List<RuleDefinition> rules = new ArrayList<>();
        resource.properties().path("Events").properties().forEach(event -> {
            String path = "%s.%s".formatted(resource.path("Events"), event.getKey());
            String type = Nodes.text(event.getValue().get("Type"), path + ".Type");
            if (type.equals("EventBridgeRule")) {
                rules.add(rule(resource.logicalId() + event.getKey(), event.getValue().path("Properties"),
                        path + ".Properties", stack, intrinsics));
            } else if (UNEMULATED_EVENT_TYPES.contains(type)) {
                unemulatedEvents.add("%s.Events.%s (%s)".formatted(resource.logicalId(), event.getKey(), type));
            } else {
                throw new TemplateException("%s.Type: %s events are not emulated by the local runtime"
                        .formatted(path, type));
            }
        });
        return rules;
    }

    private static RuleDefinition rule(String logicalId, JsonNode properties, String path, Stack stack,
            Intrinsics intrinsics) {
        JsonNode resolved = intrinsics.resolve(Nodes.object(properties, path), path);
        Nodes.requireOnly(resolved, RULE_PROPERTIES, path);
        StackEnvironment env = stack.environment();
        String busName = resolved.has("EventBusName")
                ? busName(Nodes.text(resolved.get("EventBusName"), path + ".EventBusName"))
                : "default";
        String name = resolved.has("RuleName")
                ? Nodes.text(resolved.get("RuleName"), path + ".RuleName")
                : env.physicalName(logicalId);
        String state = resolved.has("State") ? Nodes.text(resolved.get("State"), path + ".State") : "ENABLED";
        String queueName = env.physicalName("local-" + logicalId);
        String ruleArn = env.arn("events", "rule/" + (busName.equals("default") ? "" : busName + "/") + name);
        return new RuleDefinition(logicalId, name, ruleArn, busName,
                Nodes.object(resolved.get("Pattern"), path + ".Pattern"), !state.equals("DISABLED"),
                queueName, env.arn("sqs", queueName), env.queueUrl(queueName));
    }

    /** EventBusName may be a name or, through Fn::GetAtt Bus.Arn, an ARN. */
    private static String busName(String nameOrArn) {
        int slash = nameOrArn.indexOf(":event-bus/");
        return slash < 0 ? nameOrArn : nameOrArn.substring(slash + ":event-bus/".length());
    }

    /** A function's properties over the Globals.Function section, as SAM merges them for scalar properties. */
    private record FunctionProperties(TemplateResource resource, JsonNode globals) {
        FunctionProperties {
            Set<String> names = new LinkedHashSet<>(Nodes.fieldNames(globals));
            names.addAll(Nodes.fieldNames(resource.properties()));
            for (String name : names) {
                if (!HOSTED_PROPERTIES.contains(name) && !IGNORED_PROPERTIES.contains(name)) {
                    throw new TemplateException(("%s is not supported by the local runtime; if it changes nothing"
                            + " for code run in-process, add it to FunctionCatalog.IGNORED_PROPERTIES")
                            .formatted(resource.path(name)));
                }
            }
        }

        JsonNode get(String name) {
            JsonNode own = resource.properties().path(name);
            return own.isMissingNode() ? globals.path(name) : own;
        }
    }

    /** Collects variables from Globals and every function, and rejects a second, different value. */
    private static final class SharedEnvironment {
        private final Map<String, String> variables = new LinkedHashMap<>();
        private final Map<String, String> definedAt = new LinkedHashMap<>();

        void addAll(JsonNode environment, String path, Intrinsics intrinsics) {
            if (environment.isMissingNode()) {
                return;
            }
            Nodes.requireOnly(Nodes.object(environment, path), Set.of("Variables"), path);
            environment.path("Variables").properties().forEach(variable -> {
                String at = "%s.Variables.%s".formatted(path, variable.getKey());
                String value = intrinsics.resolveText(variable.getValue(), at);
                String previous = variables.putIfAbsent(variable.getKey(), value);
                if (previous != null && !previous.equals(value)) {
                    throw new TemplateException(("%s is '%s' but %s is '%s': all functions share one JVM locally,"
                            + " so a variable must have one value")
                            .formatted(at, value, definedAt.get(variable.getKey()), previous));
                }
                definedAt.putIfAbsent(variable.getKey(), at);
            });
        }

        Map<String, String> variables() {
            return variables;
        }
    }
}
