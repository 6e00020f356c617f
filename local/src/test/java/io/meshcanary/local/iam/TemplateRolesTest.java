package io.meshcanary.local.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.local.LocalRuntime;
import io.meshcanary.local.TemplateCopy;
import io.meshcanary.local.TestStacks;
import io.meshcanary.local.provision.ProvisionedStack;
import io.meshcanary.local.support.JsonLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ssm.model.AccessDeniedException;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;

/**
 * The project's template's roles as the runtime enforces them, asked directly: the node registry reads a task's
 * canary spec with ssm:GetParameter, allowed only under {@code <prefix>/<ClusterName>/}, and the state machine invokes
 * only the functions its policy names. A copy of the template without that permission, or with it scoped elsewhere,
 * is denied as AWS denies it. The roles are read back from what moto's CloudFormation provisioned from SAM's output,
 * as the runtime reads them. IamEnforcementTest checks the same on a running runtime, end to end, once.
 */
@Tag("runtime")
class TemplateRolesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = LocalRuntime.ACCOUNT_ID;
    private static final String SPEC_OF_SHOP = "arn:aws:ssm:us-east-1:%s:parameter/meshcanary/shop/orders"
            .formatted(ACCOUNT);
    private static final Map<String, String> STACK = Map.of("ClusterName", "shop", "MeshName", "shop-mesh",
            "CloudMapNamespaceId", "ns-shop0000000000");

    @TempDir
    Path dir;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    /** The physical names of the last stack {@link #roles} deployed. */
    private ProvisionedStack stack;

    @Test
    void theTemplateAsItIsLetsTheRegistryReadItsClustersSpecsAndNoOthers() throws IOException {
        Roles roles = roles(template -> { });

        assertThatNoException().isThrownBy(() -> readSpec(roles, "shop"));
        assertDenied(readSpec(roles, "other-team"), "ssm:GetParameter",
                "arn:aws:ssm:us-east-1:%s:parameter/meshcanary/other-team/orders".formatted(ACCOUNT));
    }

    @Test
    void withoutItsGetParameterStatementTheRegistryIsDenied() throws IOException {
        Roles roles = roles(template -> nodeRegistryStatements(template)
                .remove(indexOf(nodeRegistryStatements(template), "ReadCanarySpecs")));

        assertDenied(readSpec(roles, "shop"), "ssm:GetParameter", SPEC_OF_SHOP);
    }

    @Test
    void withItsGetParameterScopedToAnotherClusterTheRegistryIsDenied() throws IOException {
        Roles roles = roles(template -> {
            ArrayNode statements = nodeRegistryStatements(template);
            ObjectNode readSpecs = (ObjectNode) statements.get(indexOf(statements, "ReadCanarySpecs"));
            readSpecs.putObject("Resource").put("Fn::Sub", "arn:${AWS::Partition}:ssm:${AWS::Region}"
                    + ":${AWS::AccountId}:parameter${SpecParameterPrefix}/other/*");
        });

        assertDenied(readSpec(roles, "shop"), "ssm:GetParameter", SPEC_OF_SHOP);
    }

    @Test
    void stepFunctionsInvokesOnlyWhatTheStateMachinesPolicyNames() throws IOException {
        Roles asItIs = roles(template -> { });
        assertThat(asItIs.denial(stateMachine(), invokeLiveRolloutSteps())).isEmpty();

        Roles elsewhere = roles(template -> ((ObjectNode) template.path("Resources").path("CanaryStateMachine")
                .path("Properties").path("Policies").get(0).path("LambdaInvokePolicy").path("FunctionName"))
                .put("Ref", "ResyncFunction"));
        Authorization invoke = invokeLiveRolloutSteps();

        assertThat(elsewhere.denial(stateMachine(), invoke)).hasValueSatisfying(denial -> assertThat(denial.message())
                .isEqualTo("User: arn:aws:sts::%s:assumed-role/%s/%s is not authorized to perform:"
                        .formatted(ACCOUNT, stack.roles().get(stateMachine()).roleName(), stateMachine())
                        + " lambda:InvokeFunction on resource: " + invoke.resource() + " because no identity-based"
                        + " policy allows the lambda:InvokeFunction action"));
        assertThat(deniedInLog()).containsExactly(List.of(stateMachine(), "lambda:InvokeFunction",
                invoke.resource()));
    }

    private Authorization invokeLiveRolloutSteps() {
        return new Authorization("lambda:InvokeFunction", "arn:aws:lambda:us-east-1:%s:function:%s:live"
                .formatted(ACCOUNT, rolloutSteps()));
    }

    @Test
    void rolloutStepsAnswerThePausedDeploymentsOfTheStacksClusterAndNoOthers() throws IOException {
        Roles roles = roles(template -> { });
        String ours = "arn:aws:ecs:us-east-1:%s:service-deployment/shop/orders/d1".formatted(ACCOUNT);
        String theirs = "arn:aws:ecs:us-east-1:%s:service-deployment/other-team/orders/d1".formatted(ACCOUNT);

        for (String action : List.of("ecs:ContinueServiceDeployment", "ecs:StopServiceDeployment",
                "ecs:DescribeServiceDeployments")) {
            assertThat(roles.denial(rolloutSteps(), new Authorization(action, ours))).as(action).isEmpty();
            assertThat(roles.denial(rolloutSteps(), new Authorization(action, theirs))).as(action).isPresent();
        }
        assertThat(roles.denial(rolloutSteps(), new Authorization("ecs:DescribeServiceRevisions",
                "arn:aws:ecs:us-east-1:%s:service-revision/shop/orders/r1".formatted(ACCOUNT)))).isEmpty();
        assertThat(roles.denial(rolloutSteps(), new Authorization("ecs:ListServiceDeployments",
                "arn:aws:ecs:us-east-1:%s:service/shop/orders".formatted(ACCOUNT)))).isEmpty();
        // The node registry's crash fast path answers a native canary's pause ROLLBACK, in the stack's cluster only;
        // the deployment trigger, which only starts rollouts, answers none.
        assertThat(roles.denial(nodeRegistry(), new Authorization("ecs:ContinueServiceDeployment", ours))).isEmpty();
        assertThat(roles.denial(nodeRegistry(), new Authorization("ecs:ContinueServiceDeployment", theirs)))
                .isPresent();
        assertThat(roles.denial(deploymentTrigger(), new Authorization("ecs:ContinueServiceDeployment", ours)))
                .as("the trigger answers no pause").isPresent();
    }

    @Test
    void samsDynamoDbReadPolicyInPlaceOfTheStepsRecordStatementLetsThemReadARecordButNotWriteOne() throws IOException {
        Roles readOnly = roles(template -> {
            ArrayNode policies = rolloutStepsPolicies(template);
            ArrayNode statements = (ArrayNode) policies.get(0).path("Statement");
            statements.remove(indexOf(statements, "RolloutRecords"));
            policies.addObject().putObject("DynamoDBReadPolicy").putObject("TableName").put("Ref", "RolloutTable");
        });
        String table = "arn:aws:dynamodb:us-east-1:%s:table/%s".formatted(ACCOUNT,
                stack.resources().get("RolloutTable").physicalId());

        assertThat(readOnly.denial(rolloutSteps(), new Authorization("dynamodb:GetItem", table))).isEmpty();
        assertThat(readOnly.denial(rolloutSteps(), new Authorization("dynamodb:PutItem", table)))
                .hasValueSatisfying(denial -> assertThat(denial.message()).endsWith(
                        "to perform: dynamodb:PutItem on resource: %s because no identity-based policy allows the"
                                .formatted(table) + " dynamodb:PutItem action"));
        assertThat(deniedInLog()).containsExactly(List.of(rolloutSteps(), "dynamodb:PutItem", table));
    }

    /** The node registry's GetParameter of {@code cluster}'s orders spec, as the function host checks it. */
    private AccessDeniedException readSpec(Roles roles, String cluster) {
        try {
            roles.check(nodeRegistry(), "Ssm", GetParameterRequest.builder().name("/meshcanary/%s/orders"
                    .formatted(cluster)).build());
            return null;
        } catch (AccessDeniedException denied) {
            return denied;
        }
    }

    /** SSM's answer, as the SDK raises it, and the runtime's log line naming what was denied. */
    private void assertDenied(AccessDeniedException denied, String action, String resource) {
        assertThat(denied).as("denied").isNotNull();
        assertThat(denied.statusCode()).isEqualTo(400);
        assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
        assertThat(denied.awsErrorDetails().errorMessage()).isEqualTo(("User: arn:aws:sts::%s:assumed-role/"
                + "%s/%s is not authorized to perform: %s on resource: %s because no identity-based policy allows"
                + " the %s action").formatted(ACCOUNT, stack.roles().get(nodeRegistry()).roleName(), nodeRegistry(),
                action, resource, action));
        assertThat(deniedInLog()).containsExactly(List.of(nodeRegistry(), action, resource));
    }

    /** Each {@code local.accessDenied} line as principal, action and resource. */
    private List<List<String>> deniedInLog() {
        return log.toString(StandardCharsets.UTF_8).lines().map(TemplateRolesTest::json)
                .filter(line -> line.path("type").asText().equals("local.accessDenied"))
                .map(line -> List.of(line.has("function") ? line.path("function").asText()
                        : line.path("stateMachine").asText(), line.path("action").asText(),
                        line.path("resource").asText()))
                .toList();
    }

    /** The roles of a copy of the project's template, changed by {@code change}, as the function host builds them. */
    private Roles roles(Consumer<JsonNode> change) throws IOException {
        stack = TestStacks.deploy(TemplateCopy.of(dir, change), STACK, "roles");
        Map<String, Roles.AssumedRole> byPrincipal = new LinkedHashMap<>();
        stack.roles().forEach((principal, role) -> byPrincipal.put(principal,
                Roles.AssumedRole.enforced(principal, role.roleName(), role.stateMachine(), role.statements())));
        return new Roles(byPrincipal, new OperationResources("us-east-1", ACCOUNT), ACCOUNT,
                new JsonLog(new PrintStream(log, true, StandardCharsets.UTF_8)));
    }

    private String nodeRegistry() {
        return stack.resources().get("NodeRegistryFunction").physicalId();
    }

    private String deploymentTrigger() {
        return stack.resources().get("DeploymentTriggerFunction").physicalId();
    }

    private String rolloutSteps() {
        return stack.resources().get("RolloutStepsFunction").physicalId();
    }

    /** The state machine's name: the template names it after the stack. */
    private String stateMachine() {
        String arn = stack.resources().get("CanaryStateMachine").physicalId();
        return arn.substring(arn.lastIndexOf(':') + 1);
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    private static ArrayNode nodeRegistryStatements(JsonNode template) {
        return (ArrayNode) template.path("Resources").path("NodeRegistryFunction").path("Properties")
                .path("Policies").get(0).path("Statement");
    }

    private static ArrayNode rolloutStepsPolicies(JsonNode template) {
        return (ArrayNode) template.path("Resources").path("RolloutStepsFunction").path("Properties")
                .path("Policies");
    }

    private static int indexOf(ArrayNode statements, String sid) {
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i).path("Sid").asText().equals(sid)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no statement " + sid);
    }
}
