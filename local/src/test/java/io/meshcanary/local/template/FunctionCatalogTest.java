package io.meshcanary.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshcanary.spec.Gate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionCatalogTest {
    @TempDir
    Path dir;

    @Test
    void projectTemplateHostsTheNodeRegistry() {
        FunctionCatalog catalog = projectCatalog();

        FunctionDefinition registry = catalog.functions().stream()
                .filter(function -> function.logicalId().equals("NodeRegistryFunction")).findFirst().orElseThrow();
        assertThat(registry.name()).isEqualTo("meshcanary-NodeRegistryFunction");
        assertThat(registry.handler().className())
                .isEqualTo("io.meshcanary.functions.noderegistry.NodeRegistryHandler");
        assertThat(registry.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(registry.memoryMb()).isEqualTo(1024);
        assertThat(registry.asyncInvokeConfig()).isEqualTo(new AsyncInvokeConfig(2, Duration.ofHours(1)));
        assertThat(registry.deadLetterQueueUrl())
                .contains("http://localhost:4566/123456789012/meshcanary-NodeRegistryDeadLetterQueue");
        assertThat(catalog.environment()).containsEntry("SPEC_PARAMETER_PREFIX", "/meshcanary")
                .containsEntry("POWERTOOLS_LOG_LEVEL", "INFO")
                .containsKey("JAVA_TOOL_OPTIONS");
    }

    @Test
    void anAutomaticGateIsAnsweredOrTimedOutInsideTheStepThatAsksIt() {
        FunctionDefinition steps = projectCatalog().functions().stream()
                .filter(function -> function.logicalId().equals("RolloutStepsFunction")).findFirst().orElseThrow();

        // The step reads the rollout record before it asks; past the function's timeout it would end unnamed.
        assertThat(Duration.ofSeconds(Gate.MAX_TIMEOUT_SECONDS).plusSeconds(10)).isLessThan(steps.timeout());
    }

    @Test
    void projectTemplateRuleKeepsItsPattern() {
        RuleDefinition rule = projectCatalog().functions().stream()
                .filter(function -> function.logicalId().equals("NodeRegistryFunction")).findFirst().orElseThrow()
                .rules().getFirst();
        assertThat(rule.logicalId()).isEqualTo("NodeRegistryFunctionTaskStateChange");
        assertThat(rule.name()).isEqualTo("meshcanary-NodeRegistryFunctionTaskStateChange");
        assertThat(rule.eventBusName()).isEqualTo("default");
        assertThat(rule.pattern().path("detail").path("group").get(0).path("prefix").asText()).isEqualTo("service:");
        assertThat(rule.targetQueueUrl())
                .isEqualTo("http://localhost:4566/123456789012/meshcanary-local-NodeRegistryFunctionTaskStateChange");
    }

    @Test
    void samDefaultsApplyWithoutGlobals() {
        FunctionDefinition function = catalog("""
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B
                """).functions().getFirst();

        assertThat(function.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(function.memoryMb()).isEqualTo(128);
        assertThat(function.asyncInvokeConfig()).isEqualTo(AsyncInvokeConfig.LAMBDA_DEFAULT);
        assertThat(function.deadLetterQueueUrl()).isEmpty();
    }

    @Test
    void functionVariablesJoinTheSharedEnvironment() {
        FunctionCatalog catalog = catalog("""
                Globals:
                  Function:
                    Environment:
                      Variables:
                        SHARED: one
                Resources:
                  First:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B
                      Environment:
                        Variables:
                          SHARED: one
                          TABLE: {Ref: Table}
                  Table:
                    Type: AWS::DynamoDB::Table
                """);

        assertThat(catalog.environment()).isEqualTo(Map.of("SHARED", "one", "TABLE", "meshcanary-Table"));
    }

    @Test
    void variableWithTwoValuesIsRejected() {
        assertThatThrownBy(() -> catalog("""
                Globals:
                  Function:
                    Environment:
                      Variables:
                        LOG_LEVEL: INFO
                Resources:
                  Noisy:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B
                      Environment:
                        Variables:
                          LOG_LEVEL: DEBUG
                """))
                .hasMessage("Resources.Noisy.Properties.Environment.Variables.LOG_LEVEL is 'DEBUG' but"
                        + " Globals.Function.Environment.Variables.LOG_LEVEL is 'INFO': all functions share one JVM"
                        + " locally, so a variable must have one value");
    }

    @Test
    void badHandlerIsRejectedWithItsPath() {
        assertThatThrownBy(() -> catalog("""
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: src/index.handler
                """))
                .hasMessageStartingWith("Resources.Fn.Properties.Handler: 'src/index.handler' is not a Java handler");
    }

    @Test
    void unsupportedEventTypeIsRejected() {
        assertThatThrownBy(() -> catalog("""
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B
                      Events:
                        Queue:
                          Type: SQS
                          Properties: {}
                """))
                .hasMessage("Resources.Fn.Properties.Events.Queue.Type: SQS events are not emulated by the local"
                        + " runtime");
    }

    @Test
    void schedulesAreAcceptedButListedAsUnemulated() {
        FunctionCatalog catalog = catalog("""
                Resources:
                  Resync:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B
                      Events:
                        Every5Minutes:
                          Type: Schedule
                          Properties:
                            Schedule: rate(5 minutes)
                """);

        assertThat(catalog.unemulatedEvents()).containsExactly("Resync.Events.Every5Minutes (Schedule)");
    }

    @Test
    void unknownFunctionPropertyIsRejected() {
        assertThatThrownBy(() -> catalog("""
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B
                      Layers: [arn:aws:lambda:us-east-1:123456789012:layer:x:1]
                """))
                .hasMessageStartingWith("Resources.Fn.Properties.Layers is not supported by the local runtime");
    }

    @Test
    void onlySqsDeadLetterQueuesAreEmulated() {
        assertThatThrownBy(() -> catalog("""
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B
                      DeadLetterQueue:
                        Type: SNS
                        TargetArn: arn:aws:sns:us-east-1:123456789012:failures
                """))
                .hasMessage("Resources.Fn.Properties.DeadLetterQueue.Type: only SQS dead-letter queues are emulated,"
                        + " not SNS");
    }

    @Test
    void ruleOnACustomBusTakesTheBusName() {
        RuleDefinition rule = catalog("""
                Resources:
                  Bus:
                    Type: AWS::Events::EventBus
                    Properties:
                      Name: rollouts
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B
                      Events:
                        Promoted:
                          Type: EventBridgeRule
                          Properties:
                            EventBusName: {Fn::GetAtt: [Bus, Arn]}
                            Pattern: {detail-type: [Promoted]}
                """).functions().getFirst().rules().getFirst();

        assertThat(rule.eventBusName()).isEqualTo("rollouts");
        assertThat(rule.arn()).isEqualTo("arn:aws:events:us-east-1:123456789012:rule/rollouts/meshcanary-FnPromoted");
    }

    private static FunctionCatalog projectCatalog() {
        Template template = Templates.project();
        return FunctionCatalog.from(template, Templates.stack(template, Templates.PROJECT_PARAMETERS));
    }

    private FunctionCatalog catalog(String yaml) {
        Template template = Templates.fromYaml(dir, yaml);
        return FunctionCatalog.from(template, Templates.stack(template, Map.of()));
    }
}
