package io.meshcanary.local.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.meshcanary.local.support.AwsJsonClient;
import io.meshcanary.local.support.AwsJsonService;
import io.meshcanary.local.template.EmulatedType;
import io.meshcanary.local.template.FunctionCatalog;
import io.meshcanary.local.template.FunctionDefinition;
import io.meshcanary.local.template.Intrinsics;
import io.meshcanary.local.template.Nodes;
import io.meshcanary.local.template.PhysicalResource;
import io.meshcanary.local.template.RuleDefinition;
import io.meshcanary.local.template.Stack;
import io.meshcanary.local.template.Template;
import io.meshcanary.local.template.TemplateException;
import io.meshcanary.local.template.TemplateResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Creates the template's resources in moto. Event buses come first, since rules name them, and state machines
 * last, since their definitions may name anything else.
 */
public final class Provisioner {
    /** YAML is a superset of JSON, so this reads a state machine definition in either form. */
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Table properties that do not change how DynamoDB answers; TimeToLiveSpecification is a call of its own. */
    private static final Set<String> IGNORED_TABLE_PROPERTIES = Set.of(
            "ContributorInsightsSpecification", "DeletionProtectionEnabled", "PointInTimeRecoverySpecification",
            "SSESpecification", "TimeToLiveSpecification");
    private static final Set<String> SAM_STATE_MACHINE_PROPERTIES = Set.of(
            "Name", "Type", "DefinitionUri", "Definition", "DefinitionSubstitutions",
            // Nothing checks permissions or collects traces locally.
            "Role", "RolePath", "Policies", "PermissionsBoundary", "Logging", "Tracing", "Tags");
    private static final Set<String> STATE_MACHINE_PROPERTIES = Set.of(
            "StateMachineName", "StateMachineType", "DefinitionString", "Definition", "DefinitionSubstitutions",
            "RoleArn", "LoggingConfiguration", "TracingConfiguration", "Tags");

    private final AwsJsonClient moto;
    private final Template template;
    private final Stack stack;
    private final Intrinsics intrinsics;

    public Provisioner(AwsJsonClient moto, Template template, Stack stack) {
        this.moto = moto;
        this.template = template;
        this.stack = stack;
        this.intrinsics = stack.intrinsics();
    }

    public void provision(FunctionCatalog catalog) {
        createAll(EmulatedType.EVENT_BUS, EmulatedType.QUEUE, EmulatedType.TABLE);
        catalog.functions().forEach(function -> function.rules().forEach(rule -> createRule(rule, function)));
        createAll(EmulatedType.SAM_STATE_MACHINE, EmulatedType.STATE_MACHINE);
    }

    /** Resources of the template that the runtime does not create, such as IAM roles and alarms. */
    public List<String> skippedResources() {
        return template.resources().values().stream()
                .filter(resource -> EmulatedType.of(resource.type()).isEmpty())
                .map(resource -> "%s (%s)".formatted(resource.logicalId(), resource.type()))
                .toList();
    }

    private void createAll(EmulatedType... types) {
        for (EmulatedType type : types) {
            template.resourcesOfType(type.type()).forEach(resource -> create(type, resource));
        }
    }

    private void create(EmulatedType type, TemplateResource resource) {
        PhysicalResource physical = stack.resource(resource.logicalId());
        switch (type) {
            case EVENT_BUS -> moto.call(AwsJsonService.EVENTS, "CreateEventBus",
                    NODES.objectNode().put("Name", physical.name()));
            case QUEUE -> createQueue(physical.name(), queueAttributes(resource));
            case TABLE -> createTable(resource, physical);
            case SAM_STATE_MACHINE -> {
                Nodes.requireOnly(resource.properties(), SAM_STATE_MACHINE_PROPERTIES, resource.propertiesPath());
                createStateMachine(physical, samDefinition(resource), text(resource, "Type", "STANDARD"));
            }
            case STATE_MACHINE -> {
                Nodes.requireOnly(resource.properties(), STATE_MACHINE_PROPERTIES, resource.propertiesPath());
                createStateMachine(physical, definition(resource), text(resource, "StateMachineType", "STANDARD"));
            }
            case FUNCTION -> throw new IllegalArgumentException("functions run in the function host, not in moto");
        }
    }

    private void createQueue(String name, ObjectNode attributes) {
        moto.call(AwsJsonService.SQS, "CreateQueue", NODES.objectNode()
                .put("QueueName", name)
                .set("Attributes", attributes));
    }

    /** Every queue property but the name and tags is a queue attribute of the same name, as a string. */
    private ObjectNode queueAttributes(TemplateResource resource) {
        ObjectNode attributes = NODES.objectNode();
        resource.properties().properties().forEach(property -> {
            if (!Set.of("QueueName", "Tags").contains(property.getKey())) {
                JsonNode value = intrinsics.resolve(property.getValue(), resource.path(property.getKey()));
                attributes.put(property.getKey(), value.isContainerNode() ? value.toString() : value.asText());
            }
        });
        return attributes;
    }

    /** Table properties are CreateTable members, but for the stream switch, which CreateTable spells out. */
    private void createTable(TemplateResource resource, PhysicalResource physical) {
        ObjectNode request = NODES.objectNode();
        resource.properties().properties().forEach(property -> {
            if (!IGNORED_TABLE_PROPERTIES.contains(property.getKey())) {
                String path = resource.path(property.getKey());
                request.set(property.getKey(), intrinsics.resolve(property.getValue(), path));
            }
        });
        request.put("TableName", physical.name());
        if (request.get("StreamSpecification") instanceof ObjectNode streams) {
            streams.put("StreamEnabled", true);
        }
        moto.call(AwsJsonService.DYNAMODB, "CreateTable", request);
        JsonNode timeToLive = resource.properties().path("TimeToLiveSpecification");
        if (!timeToLive.isMissingNode()) {
            moto.call(AwsJsonService.DYNAMODB, "UpdateTimeToLive", NODES.objectNode()
                    .put("TableName", physical.name())
                    .set("TimeToLiveSpecification",
                            intrinsics.resolve(timeToLive, resource.path("TimeToLiveSpecification"))));
        }
    }

    private void createRule(RuleDefinition rule, FunctionDefinition function) {
        moto.call(AwsJsonService.EVENTS, "PutRule", NODES.objectNode()
                .put("Name", rule.name())
                .put("EventBusName", rule.eventBusName())
                .put("EventPattern", rule.pattern().toString())
                .put("State", rule.enabled() ? "ENABLED" : "DISABLED")
                .put("Description", "Delivers to %s through %s".formatted(function.name(), rule.targetQueueName())));
        createQueue(rule.targetQueueName(), NODES.objectNode());
        ArrayNode targets = NODES.arrayNode();
        targets.addObject().put("Id", "local-function-host").put("Arn", rule.targetQueueArn());
        moto.call(AwsJsonService.EVENTS, "PutTargets", NODES.objectNode()
                .put("Rule", rule.name())
                .put("EventBusName", rule.eventBusName())
                .set("Targets", targets));
    }

    private void createStateMachine(PhysicalResource physical, String definition, String type) {
        // Locally nothing assumes the role; moto only requires a well-formed ARN.
        String role = "arn:aws:iam::%s:role/meshcanary-local".formatted(stack.environment().accountId());
        moto.call(AwsJsonService.STATES, "CreateStateMachine", NODES.objectNode()
                .put("name", physical.name())
                .put("definition", definition)
                .put("type", type)
                .put("roleArn", role));
    }

    /** SAM reads DefinitionUri (a file, JSON or YAML) or Definition, then applies DefinitionSubstitutions. */
    private String samDefinition(TemplateResource resource) {
        JsonNode properties = resource.properties();
        if (properties.has("DefinitionUri")) {
            String uri = intrinsics.resolveText(properties.get("DefinitionUri"), resource.path("DefinitionUri"));
            return substitute(readDefinitionFile(template.resolveFile(uri), resource.path("DefinitionUri")), resource);
        }
        return substitute(inlineDefinition(resource), resource);
    }

    private String definition(TemplateResource resource) {
        if (resource.properties().has("DefinitionString")) {
            return substitute(intrinsics.resolveText(resource.properties().get("DefinitionString"),
                    resource.path("DefinitionString")), resource);
        }
        return substitute(inlineDefinition(resource), resource);
    }

    private String inlineDefinition(TemplateResource resource) {
        String path = resource.path("Definition");
        return intrinsics.resolve(Nodes.object(resource.properties().get("Definition"), path), path).toString();
    }

    private String substitute(String definition, TemplateResource resource) {
        String result = definition;
        for (Map.Entry<String, JsonNode> entry : resource.properties().path("DefinitionSubstitutions").properties()) {
            String value = intrinsics.resolveText(entry.getValue(),
                    resource.path("DefinitionSubstitutions." + entry.getKey()));
            result = result.replace("${" + entry.getKey() + "}", value);
        }
        return result;
    }

    private static String readDefinitionFile(Path file, String path) {
        try {
            return YAML.readTree(Files.readString(file)).toString();
        } catch (IOException e) {
            throw new TemplateException("%s: cannot read %s: %s".formatted(path, file, e.getMessage()), e);
        }
    }

    private String text(TemplateResource resource, String property, String defaultValue) {
        JsonNode value = resource.properties().path(property);
        return value.isMissingNode() ? defaultValue : intrinsics.resolveText(value, resource.path(property));
    }
}
