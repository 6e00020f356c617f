package io.meshcanary.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshcanary.local.provision.ProvisionedStack;
import io.meshcanary.local.template.SamTranslation;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionEventInvokeConfigResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * SAM's output for the project's template.yaml, created through the pinned moto's own CloudFormation, as
 * {@code sam deploy} creates it, with the stand-ins of cfn_types.py for the four resource types moto lacks
 * (AWS::Lambda::Alias, AWS::Lambda::EventInvokeConfig, AWS::CloudWatch::Alarm, AWS::SQS::QueuePolicy) and the
 * parts moto leaves out of types it has (a version's Version attribute, an event bus's Ref, a function's
 * DeadLetterConfig, a role's policies as JSON). Without them CreateStack answers HTTP 500 (KeyError 'Arn': a rule's
 * target is the Ref of an alias), or an event bus's Ref makes ListFunctions answer 500; each assertion reads back
 * through the service's own API what the stack made, as the function host and the IAM check would read it.
 */
@Tag("runtime")
class CloudFormationStackTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STACK = "meshcanary";
    private static final String ACCOUNT = "123456789012";

    @TempDir
    static Path dir;
    private static MotoServer moto;
    private static Map<String, String> aws;
    private static JsonNode provisioned;

    @BeforeAll
    static void deploy() {
        LoopbackPort port = LoopbackPort.reserve();
        aws = AwsEnvironment.variables(URI.create("http://127.0.0.1:" + port.port()), LocalRuntime.REGION);
        moto = MotoServer.start(TestRuntimes.motoPython(), port, port.port(), aws, dir.resolve("moto.log"));
        SamTranslation sam = SamTranslation.of(TestRuntimes.motoPython(),
                TemplateCopy.REPOSITORY.resolve("template.yaml"), LocalRuntime.REGION, dir.resolve("sam"));
        moto.awaitReadyAndConfigure(Duration.ofSeconds(60));
        provisioned = createStack(sam.translated());
    }

    @AfterAll
    static void stop() {
        moto.close();
    }

    @Test
    void everyResourceSamMadeIsCreatedAndTheRulesTargetTheLiveAliases() {
        assertThat(provisioned.path("resources").size()).isEqualTo(translatedResourceCount());
        try (EventBridgeClient events = TestRuntimes.client(moto.endpoint(), EventBridgeClient.builder());
                LambdaClient lambda = TestRuntimes.client(moto.endpoint(), LambdaClient.builder())) {
            String function = physicalId("AlarmGuardFunction");
            String alias = physicalId("AlarmGuardFunctionAliaslive");
            assertThat(alias).isEqualTo(lambda.getAlias(request -> request.functionName(function).name("live"))
                    .aliasArn());
            List<Target> targets = events.listTargetsByRule(request -> request
                    .rule(physicalId("AlarmGuardFunctionAlarmStateChange"))).targets();
            assertThat(targets).filteredOn(target -> !target.id().equals("local-function-host"))
                    .extracting(Target::arn).containsExactly(alias);

            GetFunctionEventInvokeConfigResponse retries = lambda.getFunctionEventInvokeConfig(request -> request
                    .functionName(function).qualifier("live"));
            assertThat(retries.maximumRetryAttempts()).isEqualTo(2);
            assertThat(retries.maximumEventAgeInSeconds()).isEqualTo(3600);
        }
    }

    @Test
    void theDeadLetterAlarmsWatchTheirQueuesAndTheQueuesLetEventBridgeSendToThem() {
        try (CloudWatchClient cloudWatch = TestRuntimes.client(moto.endpoint(), CloudWatchClient.builder());
                SqsClient sqs = TestRuntimes.client(moto.endpoint(), SqsClient.builder())) {
            String queueUrl = physicalId("AlarmGuardDeadLetterQueue");
            String queueName = queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
            MetricAlarm alarm = cloudWatch.describeAlarms(request -> request
                    .alarmNames(physicalId("AlarmGuardDeadLetterAlarm"))).metricAlarms().getFirst();
            assertThat(alarm.metricName()).isEqualTo("ApproximateNumberOfMessagesVisible");
            assertThat(alarm.dimensions()).singleElement().satisfies(dimension ->
                    assertThat(dimension.value()).isEqualTo(queueName));

            String policy = sqs.getQueueAttributes(request -> request.queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.POLICY)).attributes().get(QueueAttributeName.POLICY);
            assertThat(policy).contains("events.amazonaws.com");
        }
    }

    @Test
    void eachFunctionIsConfiguredAsTheTemplateSaysWithItsReferencesResolved() {
        try (LambdaClient lambda = TestRuntimes.client(moto.endpoint(), LambdaClient.builder())) {
            GetFunctionConfigurationResponse function = lambda.getFunctionConfiguration(request -> request
                    .functionName(physicalId("AlarmGuardFunction")));

            assertThat(function.handler())
                    .isEqualTo("io.meshcanary.functions.alarmguard.AlarmGuardHandler::handleRequest");
            assertThat(function.memorySize()).isEqualTo(1024);
            assertThat(function.environment().variables())
                    .containsEntry("EVENT_BUS_NAME", "meshcanary-rollouts")
                    .containsEntry("ROLLOUT_TABLE", physicalId("RolloutTable"));
            String queueUrl = physicalId("AlarmGuardDeadLetterQueue");
            assertThat(function.deadLetterConfig().targetArn())
                    .isEqualTo("arn:aws:sqs:us-east-1:%s:%s".formatted(ACCOUNT,
                            queueUrl.substring(queueUrl.lastIndexOf('/') + 1)));
        }
    }

    @Test
    void eachRoleIsReadBackWithThePolicyTemplatesAsSamExpandedThem() {
        JsonNode role = provisioned.path("roles").path("meshcanary-canary");

        assertThat(role.path("roleName").asText()).isEqualTo(physicalId("CanaryStateMachineRole"));
        assertThat(role.path("stateMachine").asBoolean()).isTrue();
        assertThat(role.path("statements").get(0).path("Resource").asText())
                .isEqualTo("arn:aws:lambda:us-east-1:%s:function:%s*".formatted(ACCOUNT,
                        physicalId("RolloutStepsFunction")));
        assertThat(provisioned.path("roles").path(physicalId("AlarmGuardFunction")).path("statements").toString())
                .contains("sqs:SendMessage", physicalId("AlarmGuardDeadLetterQueue")
                        .substring(physicalId("AlarmGuardDeadLetterQueue").lastIndexOf('/') + 1));
    }

    @Test
    void anEventARuleMatchesWaitsForTheFunctionHostAndASchedulesRuleHasNoQueue() {
        String rule = physicalId("AlarmGuardFunctionAlarmStateChange");
        List<JsonNode> deliveries = new ArrayList<>();
        provisioned.path("deliveries").forEach(deliveries::add);
        assertThat(deliveries).extracting(delivery -> delivery.path("ruleName").asText())
                .containsExactlyInAnyOrder(rule, physicalId("AlarmGuardFunctionDeploymentFailed"),
                        physicalId("NodeRegistryFunctionTaskStateChange"),
                        physicalId("DeploymentTriggerFunctionDeploymentInProgress"),
                        physicalId("DeploymentTriggerFunctionPauseAwaiting"));
        JsonNode delivery = deliveries.stream().filter(each -> each.path("ruleName").asText().equals(rule))
                .findFirst().orElseThrow();
        assertThat(delivery.path("functionName").asText()).isEqualTo(physicalId("AlarmGuardFunction"));

        try (EventBridgeClient events = TestRuntimes.client(moto.endpoint(), EventBridgeClient.builder());
                SqsClient sqs = TestRuntimes.client(moto.endpoint(), SqsClient.builder())) {
            events.putEvents(request -> request.entries(entry -> entry.source("aws.cloudwatch")
                    .detailType("CloudWatch Alarm State Change").detail("{\"state\": {\"value\": \"ALARM\"}}")));
            assertThat(sqs.receiveMessage(request -> request.queueUrl(delivery.path("queueUrl").asText())
                    .waitTimeSeconds(5)).messages()).singleElement().satisfies(message ->
                    assertThat(message.body()).contains("CloudWatch Alarm State Change"));
        }
    }

    private static String physicalId(String logicalId) {
        return provisioned.path("resources").path(logicalId).path("physicalId").asText();
    }

    private static int translatedResourceCount() {
        try {
            return JSON.readTree(dir.resolve("sam/translated.json").toFile()).path("Resources").size();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode createStack(Path translated) {
        return JSON.valueToTree(ProvisionedStack.deploy(TestRuntimes.motoPython(), translated, STACK,
                localParameters(), aws, dir));
    }

    /** The values local/runtime.properties gives the parameters without a default, as the runtime starts with. */
    private static Map<String, String> localParameters() {
        return RuntimeOptions.parse("--template", TemplateCopy.REPOSITORY.resolve("template.yaml").toString(),
                "--properties", TemplateCopy.REPOSITORY.resolve("local/runtime.properties").toString(),
                "--moto-python", TestRuntimes.motoPython().toString(), "--state-dir", "unused").parameters();
    }
}
