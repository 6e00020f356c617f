package io.meshcanary.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * IAM enforced on a running runtime, end to end, once: the project's template with its state machine's invoke
 * policy pointed at another function. The node registry reads its own cluster's canary specs, and an event of another
 * cluster fails as AWS fails it; Step Functions' invoke of the rollout steps is denied. The evaluation's other cases
 * (a statement removed, a resource scoped elsewhere) are iam.TemplateRolesTest's, without a runtime.
 */
@Tag("runtime")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IamEnforcementTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> STACK = Map.of("ClusterName", "shop", "MeshName", "shop-mesh",
            "CloudMapNamespaceId", "ns-shop0000000000");

    private Path dir;
    private LocalRuntime runtime;
    /** What CloudFormation provisioned, by logical id, as the runtime wrote it to resources.json. */
    private JsonNode resources;

    @BeforeAll
    void startRuntime(@TempDir Path dir) throws IOException {
        this.dir = dir;
        runtime = start(dir, template -> ((ObjectNode) template.path("Resources").path("CanaryStateMachine")
                .path("Properties").path("Policies").get(0).path("LambdaInvokePolicy").path("FunctionName"))
                .put("Ref", "ResyncFunction"));
        resources = JSON.readTree(dir.resolve("resources.json").toFile()).path("resources");
    }

    @AfterAll
    void stopRuntime() {
        runtime.close();
    }

    @Test
    void theRegistryReadsItsClustersSpecsAndAnotherClustersEventFailsAsAwsFailsIt() throws IOException {
        InvokeResponse ownCluster = invokeNodeRegistry(runtime, taskEvent("shop"));
        InvokeResponse otherCluster = invokeNodeRegistry(runtime, taskEvent("other-team"));

        assertThat(ownCluster.functionError()).as(ownCluster.payload().asUtf8String()).isNull();
        assertDenied(otherCluster, "ssm:GetParameter",
                "arn:aws:ssm:us-east-1:123456789012:parameter/meshcanary/other-team/orders");
        assertLoggedDenial(dir, "ssm:GetParameter",
                "arn:aws:ssm:us-east-1:123456789012:parameter/meshcanary/other-team/orders");
    }

    @Test
    void stepFunctionsInvokesOnlyWhatTheStateMachinesPolicyNames() {
        try (SfnClient sfn = TestRuntimes.client(runtime.endpoint(), SfnClient.builder())) {
            String execution = sfn.startExecution(request -> request.name("denied")
                    .stateMachineArn(ref("CanaryStateMachine"))
                    .input("{}")).executionArn();
            DescribeExecutionResponse described = sfn.describeExecution(request -> request.executionArn(execution));
            for (int polls = 0; described.status() == ExecutionStatus.RUNNING && polls < 100; polls++) {
                Sleep.forAWhile(Duration.ofMillis(100));
                described = sfn.describeExecution(request -> request.executionArn(execution));
            }

            assertThat(described.status()).isEqualTo(ExecutionStatus.FAILED);
            List<JsonNode> log = FunctionLogFile.lines(FunctionLogFile.in(dir));
            assertThat(log).filteredOn(line -> line.path("type").asText().equals("local.accessDenied"))
                    .extracting(line -> List.of(line.path("stateMachine").asText(), line.path("action").asText(),
                            line.path("resource").asText()))
                    .contains(List.of("meshcanary-canary", "lambda:InvokeFunction",
                            "arn:aws:lambda:us-east-1:123456789012:function:" + ref("RolloutStepsFunction") + ":live"));
            assertThat(log).as("the rollout steps never started").noneMatch(line -> line.path("type").asText()
                    .equals("platform.start") && line.path("function").asText().equals(ref("RolloutStepsFunction")));
        }
    }

    /**
     * AWS's answer reaches the spec store as the SDK raises it (SSM models AccessDeniedException), which fails the
     * invocation with a named error that is never "not onboarded" and carries IAM's message.
     */
    private void assertDenied(InvokeResponse response, String action, String resource) throws IOException {
        JsonNode error = JSON.readTree(response.payload().asByteArray());
        assertThat(response.functionError()).isEqualTo("Unhandled");
        assertThat(error.path("errorType").asText()).isEqualTo("io.meshcanary.aws.SpecStoreException");
        assertThat(error.path("errorMessage").asText())
                .contains("access denied")
                .contains("User: arn:aws:sts::123456789012:assumed-role/" + ref("NodeRegistryFunctionRole") + "/"
                        + ref("NodeRegistryFunction") + " is not authorized to perform: " + action + " on resource: "
                        + resource + " because no identity-based policy allows the " + action + " action")
                .contains("Status Code: 400");
    }

    private void assertLoggedDenial(Path stateDir, String action, String resource) {
        assertThat(FunctionLogFile.lines(FunctionLogFile.in(stateDir)))
                .filteredOn(line -> line.path("type").asText().equals("local.accessDenied"))
                .extracting(line -> List.of(line.path("function").asText(), line.path("action").asText(),
                        line.path("resource").asText()))
                .contains(List.of(ref("NodeRegistryFunction"), action, resource));
    }

    private InvokeResponse invokeNodeRegistry(LocalRuntime runtime, JsonNode event) {
        try (LambdaClient lambda = TestRuntimes.client(runtime.endpoint(), LambdaClient.builder())) {
            return lambda.invoke(request -> request.functionName(ref("NodeRegistryFunction"))
                    .payload(SdkBytes.fromUtf8String(event.toString())));
        }
    }

    private String ref(String logicalId) {
        return resources.path(logicalId).path("ref").asText();
    }

    /** The sample RUNNING task event, moved to {@code cluster}. */
    private static JsonNode taskEvent(String cluster) throws IOException {
        String sample = Files.readString(TemplateCopy.REPOSITORY.resolve("events/task-running-fargate.json"));
        return JSON.readTree(sample.replace(":cluster/shop\"", ":cluster/" + cluster + "\"")
                .replace(":task/shop/", ":task/" + cluster + "/"));
    }

    /** A runtime on a copy of the project's template, changed by {@code change}, with IAM enforced. */
    private static LocalRuntime start(Path dir, Consumer<JsonNode> change) throws IOException {
        return LocalRuntime.start(new RuntimeOptions(TemplateCopy.of(dir, change), STACK, TestRuntimes.motoPython(),
                dir, true, List.of(), true), System.err);
    }
}
