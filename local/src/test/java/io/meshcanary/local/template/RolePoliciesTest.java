package io.meshcanary.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RolePoliciesTest {

    @Test
    void eachFunctionAndTheStateMachineGetTheirOwnResolvedPolicy() {
        Map<String, RolePolicies.Role> roles = roles(Map.of());

        assertThat(roles).containsKeys("meshcanary-NodeRegistryFunction", "meshcanary-RolloutStepsFunction",
                "meshcanary-canary");
        JsonNode readSpecs = statement(roles.get("meshcanary-NodeRegistryFunction"), "ReadCanarySpecs");
        assertThat(readSpecs.get("Resource").asText())
                .isEqualTo("arn:aws:ssm:us-east-1:123456789012:parameter/meshcanary/local-cluster/*");
        assertThat(roles.get("meshcanary-NodeRegistryFunction").name())
                .isEqualTo("meshcanary-NodeRegistryFunctionRole");
        assertThat(roles.get("meshcanary-canary").stateMachine()).isTrue();
    }

    @Test
    void fnIfKeepsAStatementWhereItsConditionHoldsAndDropsItWhereItDoesNot() {
        assertThat(sids(roles(Map.of("EnableAppMesh", "true")).get("meshcanary-AlarmGuardFunction")))
                .contains("RevertRouteWeights").doesNotContain("RevertAlbRuleWeights", "RevertLatticeRuleWeights");
        assertThat(sids(roles(Map.of("EnableAlb", "true"))
                .get("meshcanary-AlarmGuardFunction")))
                .contains("RevertAlbRuleWeights").doesNotContain("RevertRouteWeights", "RevertLatticeRuleWeights");
    }

    @Test
    void fnOrOfConditionsHoldsWhenAnyDoes() {
        assertThat(sids(roles(Map.of()).get("meshcanary-RolloutStepsFunction"))).doesNotContain("CountTrackTasks");
        assertThat(sids(roles(Map.of("EnableVpcLattice", "true")).get("meshcanary-RolloutStepsFunction")))
                .contains("CountTrackTasks");
    }

    @Test
    void lambdaInvokePolicyExpandsAsSamExpandsIt() {
        JsonNode statement = roles(Map.of()).get("meshcanary-canary").statements().get(0);

        assertThat(statement.get("Action").get(0).asText()).isEqualTo("lambda:InvokeFunction");
        assertThat(statement.get("Resource").asText())
                .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:meshcanary-RolloutStepsFunction*");
    }

    @Test
    void aPolicyTemplateIsExpandedBySamsTranslator(@TempDir Path dir) {
        JsonNode statement = rolesOfOneFunction(dir, """
                        - DynamoDBReadPolicy:
                            TableName: t
                """).get("meshcanary-Fn").statements().get(0);

        assertThat(statement.get("Action")).extracting(JsonNode::asText)
                .contains("dynamodb:GetItem", "dynamodb:Query").doesNotContain("dynamodb:PutItem");
        assertThat(statement.get("Resource")).extracting(JsonNode::asText)
                .contains("arn:aws:dynamodb:us-east-1:123456789012:table/t");
    }

    @Test
    void aPolicyTemplateSamDoesNotKnowIsRefusedBySam(@TempDir Path dir) {
        assertThatThrownBy(() -> rolesOfOneFunction(dir, """
                        - NoSuchPolicy: {}
                """))
                .hasMessageContaining("SAM's translator on ")
                .hasMessageContaining("Policy at index 0 in the 'Policies' property is not valid");
    }

    @Test
    void aManagedPolicyIsRefusedRatherThanIgnored(@TempDir Path dir) {
        assertThatThrownBy(() -> rolesOfOneFunction(dir, """
                        - AWSLambdaExecute
                """))
                .hasMessageContaining("Resources.FnRole.Properties.ManagedPolicyArns: only inline policies")
                .hasMessageContaining("arn:aws:iam::aws:policy/AWSLambdaExecute");
    }

    @Test
    void anUndeclaredConditionIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> rolesOfOneFunction(dir, """
                        - Statement:
                            - Fn::If: [Missing, {Effect: Allow, Action: "s3:*", Resource: "*"}, {Ref: AWS::NoValue}]
                """))
                .hasMessageContaining("condition Missing is not declared in Conditions");
    }

    /** @param policies the function's Policies list, indented as the template below needs */
    private static Map<String, RolePolicies.Role> rolesOfOneFunction(Path dir, String policies) {
        SamTranslation sam = Templates.translated(dir, Templates.ONE_FUNCTION + """
                      Policies:
                """ + policies);
        return RolePolicies.from(sam.translated(), Templates.stack(sam.decoded(), Map.of()));
    }

    private static Map<String, RolePolicies.Role> roles(Map<String, String> overrides) {
        Map<String, String> parameters = new HashMap<>(Templates.PROJECT_PARAMETERS);
        parameters.putAll(overrides);
        SamTranslation project = Templates.translatedProject();
        return RolePolicies.from(project.translated(), Templates.stack(project.decoded(), parameters));
    }

    private static List<String> sids(RolePolicies.Role role) {
        return StreamSupport.stream(role.statements().spliterator(), false)
                .map(statement -> statement.path("Sid").asText()).toList();
    }

    private static JsonNode statement(RolePolicies.Role role, String sid) {
        return StreamSupport.stream(role.statements().spliterator(), false)
                .filter(statement -> statement.path("Sid").asText().equals(sid)).findFirst().orElseThrow();
    }
}
