package io.meshcanary.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The resource types the local runtime creates (in moto, or in-process for functions), with how each names its
 * physical resource and what Ref and Fn::GetAtt return for it, as CloudFormation documents them.
 */
public enum EmulatedType {
    QUEUE("AWS::SQS::Queue", "QueueName") {
        @Override
        PhysicalResource describe(String logicalId, String name, StackEnvironment env) {
            String arn = env.arn("sqs", name);
            String url = env.queueUrl(name);
            return new PhysicalResource(logicalId, type, name, url,
                    Map.of("Arn", arn, "QueueName", name, "QueueUrl", url));
        }

        @Override
        String generatedName(String logicalId, JsonNode properties, StackEnvironment env) {
            boolean fifo = properties.path("FifoQueue").asBoolean(false);
            return env.physicalName(logicalId) + (fifo ? ".fifo" : "");
        }
    },
    TABLE("AWS::DynamoDB::Table", "TableName") {
        @Override
        PhysicalResource describe(String logicalId, String name, StackEnvironment env) {
            return new PhysicalResource(logicalId, type, name, name,
                    Map.of("Arn", env.arn("dynamodb", "table/" + name)));
        }
    },
    FUNCTION("AWS::Serverless::Function", "FunctionName") {
        @Override
        PhysicalResource describe(String logicalId, String name, StackEnvironment env) {
            return new PhysicalResource(logicalId, type, name, name,
                    Map.of("Arn", env.arn("lambda", "function:" + name)));
        }
    },
    SAM_STATE_MACHINE("AWS::Serverless::StateMachine", "Name") {
        @Override
        PhysicalResource describe(String logicalId, String name, StackEnvironment env) {
            return stateMachine(this, logicalId, name, env);
        }
    },
    STATE_MACHINE("AWS::StepFunctions::StateMachine", "StateMachineName") {
        @Override
        PhysicalResource describe(String logicalId, String name, StackEnvironment env) {
            return stateMachine(this, logicalId, name, env);
        }
    },
    EVENT_BUS("AWS::Events::EventBus", "Name") {
        @Override
        PhysicalResource describe(String logicalId, String name, StackEnvironment env) {
            return new PhysicalResource(logicalId, type, name, name,
                    Map.of("Arn", env.arn("events", "event-bus/" + name), "Name", name));
        }
    };

    final String type;
    private final String nameProperty;

    EmulatedType(String type, String nameProperty) {
        this.type = type;
        this.nameProperty = nameProperty;
    }

    public String type() {
        return type;
    }

    public static Optional<EmulatedType> of(String type) {
        return Arrays.stream(values()).filter(emulated -> emulated.type.equals(type)).findFirst();
    }

    /** The name property, if the template sets it, may only use parameters: resources are not named yet. */
    PhysicalResource describe(TemplateResource resource, Intrinsics parametersOnly, StackEnvironment env) {
        JsonNode explicit = resource.properties().get(nameProperty);
        String name = explicit == null
                ? generatedName(resource.logicalId(), resource.properties(), env)
                : parametersOnly.resolveText(explicit, resource.path(nameProperty));
        return describe(resource.logicalId(), name, env);
    }

    String generatedName(String logicalId, JsonNode properties, StackEnvironment env) {
        return env.physicalName(logicalId);
    }

    abstract PhysicalResource describe(String logicalId, String name, StackEnvironment env);

    private static PhysicalResource stateMachine(EmulatedType kind, String logicalId, String name,
            StackEnvironment env) {
        String arn = env.arn("states", "stateMachine:" + name);
        return new PhysicalResource(logicalId, kind.type, name, arn, Map.of("Arn", arn, "Name", name));
    }
}
