package io.meshcanary.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.appmesh.AppMeshClient;
import software.amazon.awssdk.services.appmesh.model.DescribeRouteResponse;
import software.amazon.awssdk.services.appmesh.model.DescribeVirtualNodeResponse;
import software.amazon.awssdk.services.appmesh.model.PortProtocol;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** The runtime on the test template, against the real moto: one runtime for the class, as starting one is slow. */
@Tag("runtime")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalRuntimeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Generous: on a loaded machine a cold handler, its retry and the dead letter take tens of seconds. */
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);

    private Path stateDir;
    private LocalRuntime runtime;
    private JsonNode resources;
    /** The echo function's physical name, as CloudFormation made it. */
    private String echo;
    private LambdaClient lambda;
    private SqsClient sqs;
    private EventBridgeClient events;

    @BeforeAll
    void startRuntime(@TempDir Path stateDir) throws IOException {
        this.stateDir = stateDir;
        runtime = LocalRuntime.start(TestRuntimes.options(stateDir, List.of()), System.err);
        resources = JSON.readTree(stateDir.resolve("resources.json").toFile()).path("resources");
        echo = ref("EchoFunction");
        lambda = client(LambdaClient.builder());
        sqs = client(SqsClient.builder());
        events = client(EventBridgeClient.builder());
    }

    @AfterAll
    void stopRuntime() {
        runtime.close();
    }

    @Test
    void invokeRunsTheHandlerWithTheTemplateEnvironment() throws IOException {
        JsonNode output = JSON.readTree(invoke(echo, "{\"message\":\"hi\"}").payload().asByteArray());

        assertThat(output.path("echo").path("message").asText()).isEqualTo("hi");
        assertThat(output.path("greeting").asText()).isEqualTo("hello, tests");
        assertThat(output.path("function").asText()).isEqualTo(echo);
        assertThat(output.path("remainingMs").asInt()).isBetween(1, 2000);
    }

    @Test
    void invokeAcceptsAnArnWithQualifier() {
        String arn = lambda.getFunction(request -> request.functionName(echo)).configuration().functionArn();

        InvokeResponse response = invoke(arn + ":live", "{}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isNull();
    }

    @Test
    void handlerExceptionBecomesUnhandledErrorNamedByItsClass() throws IOException {
        InvokeResponse response = invoke(echo, "{\"fail\":\"boom\"}");

        JsonNode error = JSON.readTree(response.payload().asByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isEqualTo("Unhandled");
        assertThat(error.path("errorType").asText())
                .isEqualTo("io.meshcanary.local.testfunctions.EchoFailedException");
        assertThat(error.path("errorMessage").asText()).isEqualTo("boom");
        assertThat(error.path("stackTrace").get(0).asText()).contains("EchoHandler.handleRequest");
    }

    @Test
    void handlerRunningPastItsTimeoutFailsAsLambdaDoes() throws IOException {
        InvokeResponse response = invoke(echo, "{\"sleepMs\":5000}");

        assertThat(response.functionError()).isEqualTo("Unhandled");
        assertThat(JSON.readTree(response.payload().asByteArray()).path("errorType").asText())
                .isEqualTo("Sandbox.Timedout");
    }

    @Test
    void unknownFunctionIsNotFound() {
        assertThatThrownBy(() -> invoke("meshcanary-Nothing", "{}")).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void eventInvocationRunsTheHandlerLater() {
        String marker = UUID.randomUUID().toString();

        InvokeResponse response = lambda.invoke(request -> request
                .functionName(ref("RecordingFunction"))
                .invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{\"marker\":\"%s\"}".formatted(marker))));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(receiveUntil(queueUrl("ReceivedEvents"), messages -> contains(messages, marker)))
                .anyMatch(message -> message.body().contains(marker));
    }

    @Test
    void eventMatchingTheRulePatternReachesTheHandler() throws IOException {
        String matched = UUID.randomUUID().toString();
        String unmatched = UUID.randomUUID().toString();

        putEvent("family:orders", unmatched, false);
        putEvent("service:orders", matched, false);

        List<Message> received = receiveUntil(queueUrl("ReceivedEvents"), messages -> contains(messages, matched));
        Message recorded = received.stream().filter(message -> message.body().contains(matched)).findFirst()
                .orElseThrow();
        assertThat(recorded.messageAttributes().get("table").stringValue()).isEqualTo(ref("Recordings"));
        assertThat(JSON.readTree(recorded.body()).path("account").asText()).isEqualTo("123456789012");
        assertThat(received).noneMatch(message -> message.body().contains(unmatched));
    }

    @Test
    void poisonEventIsRetriedThenDeadLetteredWithTheError() throws IOException {
        String marker = UUID.randomUUID().toString();

        putEvent("service:orders", marker, true);

        List<Message> deadLetters = receiveUntil(queueUrl("RecordingDeadLetterQueue"),
                messages -> contains(messages, marker));
        Message deadLetter = deadLetters.stream().filter(message -> message.body().contains(marker)).findFirst()
                .orElseThrow();
        String eventId = JSON.readTree(deadLetter.body()).path("id").asText();
        assertThat(deadLetter.messageAttributes().get("ErrorMessage").stringValue())
                .isEqualTo("refused poison event " + eventId);
        assertThat(deadLetter.messageAttributes().get("ErrorCode").stringValue()).isEqualTo("200");
        assertThat(deadLetter.messageAttributes().get("RequestID").stringValue()).isNotBlank();
        List<Message> attempts = receiveUntil(queueUrl("ReceivedEvents"),
                messages -> messages.stream().filter(message -> message.body().contains(marker)).count() >= 2);
        assertThat(attempts).filteredOn(message -> message.body().contains(marker)).hasSize(2);
    }

    @Test
    void workflowInvokesTheFunctionAndCatchesItsErrorByClassName() throws IOException {
        try (SfnClient sfn = client(SfnClient.builder())) {
            String stateMachine = resources.path("EchoWorkflow").path("ref").asText();

            JsonNode succeeded = runExecution(sfn, stateMachine, "{\"message\":\"hi\"}");
            JsonNode caught = runExecution(sfn, stateMachine, "{\"fail\":\"no\"}");

            assertThat(succeeded.path("greeting").asText()).isEqualTo("hello, tests");
            assertThat(caught.path("error").path("Error").asText())
                    .isEqualTo("io.meshcanary.local.testfunctions.EchoFailedException");
        }
    }

    @Test
    void aDeletedClusterIsDescribedInactiveButNoLongerListed() {
        try (EcsClient ecs = client(EcsClient.builder())) {
            String kept = ecs.createCluster(request -> request.clusterName("kept")).cluster().clusterArn();
            String deleted = ecs.createCluster(request -> request.clusterName("deleted")).cluster().clusterArn();

            ecs.deleteCluster(request -> request.cluster("deleted"));

            assertThat(ecs.listClusters().clusterArns()).contains(kept).doesNotContain(deleted);
            assertThat(ecs.describeClusters(request -> request.clusters("deleted")).clusters())
                    .singleElement().satisfies(cluster -> assertThat(cluster.status()).isEqualTo("INACTIVE"));
        }
    }

    @Test
    void appMeshTimestampsParseThroughTheGlobalInterceptor() {
        try (AppMeshClient appMesh = client(AppMeshClient.builder())) {
            appMesh.createMesh(request -> request.meshName("local-mesh"));
            appMesh.createVirtualNode(request -> request.meshName("local-mesh").virtualNodeName("orders-canary")
                    .spec(spec -> spec.listeners(listener -> listener.portMapping(
                            port -> port.port(8080).protocol(PortProtocol.HTTP)))));
            appMesh.createVirtualRouter(request -> request.meshName("local-mesh").virtualRouterName("orders")
                    .spec(spec -> spec.listeners(listener -> listener.portMapping(
                            port -> port.port(8080).protocol(PortProtocol.HTTP)))));
            appMesh.createRoute(request -> request.meshName("local-mesh").virtualRouterName("orders")
                    .routeName("orders").spec(spec -> spec.httpRoute(route -> route
                            .match(match -> match.prefix("/"))
                            .action(action -> action.weightedTargets(target -> target
                                    .virtualNode("orders-canary").weight(100))))));

            DescribeVirtualNodeResponse node = appMesh.describeVirtualNode(request -> request
                    .meshName("local-mesh").virtualNodeName("orders-canary"));
            DescribeRouteResponse route = appMesh.describeRoute(request -> request
                    .meshName("local-mesh").virtualRouterName("orders").routeName("orders"));

            assertThat(node.virtualNode().metadata().createdAt()).isNotNull();
            assertThat(route.route().metadata().lastUpdatedAt()).isNotNull();
        }
    }

    @Test
    void stateFilesNameTheResourcesAndLogTheFunctions() throws IOException {
        // CloudFormation's Ref of a queue is its URL on SQS's own endpoint, which the SDK sends as a parameter.
        assertThat(ref("ReceivedEvents"))
                .startsWith("https://sqs.us-east-1.amazonaws.com/123456789012/meshcanary-ReceivedEvents-");
        assertThat(resources.path("RecordingFunctionTaskChange").path("type").asText()).isEqualTo("AWS::Events::Rule");
        assertThat(resources.path("RecordingDeadLetterQueuePolicy").path("type").asText())
                .as("made by the stand-in for a type moto lacks").isEqualTo("AWS::SQS::QueuePolicy");
        invoke(echo, "{\"message\":\"logged\"}");
        List<JsonNode> logLines = new ArrayList<>();
        for (String line : Files.readAllLines(stateDir.resolve("functions.log"))) {
            if (line.startsWith("{")) {
                logLines.add(JSON.readTree(line));
            }
        }
        assertThat(logLines).anyMatch(line -> line.path("type").asText().equals("platform.initReport")
                && line.path("function").asText().equals(echo));
        assertThat(logLines).anyMatch(line -> line.path("type").asText().equals("function")
                && line.path("message").asText().equals("echoing {\"message\":\"logged\"}"));
        assertThat(Files.readString(stateDir.resolve("env.sh")))
                .contains("export AWS_ENDPOINT_URL='" + runtime.endpoint() + "'");
    }

    private InvokeResponse invoke(String function, String payload) {
        return lambda.invoke(request -> request.functionName(function).payload(SdkBytes.fromUtf8String(payload)));
    }

    private void putEvent(String group, String marker, boolean fail) {
        String detail = JSON.createObjectNode().put("group", group).put("marker", marker).put("fail", fail).toString();
        assertThat(events.putEvents(request -> request.entries(entry -> entry
                .source("meshcanary.test").detailType("Task Changed").detail(detail))).failedEntryCount()).isZero();
    }

    private JsonNode runExecution(SfnClient sfn, String stateMachine, String input) throws IOException {
        String execution = sfn.startExecution(request -> request.stateMachineArn(stateMachine)
                .name("test-" + UUID.randomUUID()).input(input)).executionArn();
        long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos();
        DescribeExecutionResponse described = sfn.describeExecution(request -> request.executionArn(execution));
        while (described.status() == ExecutionStatus.RUNNING && System.nanoTime() < deadline) {
            Sleep.forAWhile(Duration.ofMillis(100));
            described = sfn.describeExecution(request -> request.executionArn(execution));
        }
        assertThat(described.status()).as("execution %s", execution).isEqualTo(ExecutionStatus.SUCCEEDED);
        return JSON.readTree(described.output());
    }

    private String queueUrl(String logicalId) {
        return ref(logicalId);
    }

    private String ref(String logicalId) {
        return resources.path(logicalId).path("ref").asText();
    }

    /** Receives (and deletes) messages until the condition holds on all received so far, or the timeout. */
    private List<Message> receiveUntil(String queueUrl, Predicate<List<Message>> condition) {
        List<Message> received = new ArrayList<>();
        long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos();
        while (!condition.test(received) && System.nanoTime() < deadline) {
            List<Message> batch = sqs.receiveMessage(request -> request.queueUrl(queueUrl).waitTimeSeconds(1)
                    .maxNumberOfMessages(10).messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            batch.forEach(message -> sqs.deleteMessage(request -> request.queueUrl(queueUrl)
                    .receiptHandle(message.receiptHandle())));
            received.addAll(batch);
        }
        return received;
    }

    private static boolean contains(List<Message> messages, String marker) {
        return messages.stream().anyMatch(message -> message.body().contains(marker));
    }

    private <C, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C client(B builder) {
        return TestRuntimes.client(runtime.endpoint(), builder);
    }
}
