package io.meshcanary.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The inline policies of each function's and each state machine's role, as SAM's translator generated the roles
 * (policy templates expanded by SAM itself), with the template's conditions chosen and intrinsics resolved against
 * the local stack's parameters. Keyed by the physical name of the function or state machine.
 *
 * <p>The managed policies SAM attaches by itself are not evaluated: they allow logs and traces, which the local runtime
 * does not send. Any other managed policy is refused rather than ignored, since what it allows is not known here.
 */
public final class RolePolicies {
    /** The principals, with the property that names their role, as CloudFormation spells them. */
    private static final Map<String, String> ROLE_PROPERTY = Map.of(
            "AWS::Lambda::Function", "Role",
            "AWS::StepFunctions::StateMachine", "RoleArn");
    private static final String ROLE_TYPE = "AWS::IAM::Role";
    private static final String STATE_MACHINE_TYPE = "AWS::StepFunctions::StateMachine";
    private static final Set<String> LOGS_AND_TRACES = Set.of(
            "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
            "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess");

    private RolePolicies() {
    }

    /**
     * @param translated the template as SAM's translator made it
     * @return each principal's role, by the principal's physical name
     */
    public static Map<String, Role> from(Template translated, Stack stack) {
        TemplateConditions conditions = new TemplateConditions(translated, stack);
        Map<String, Role> roles = new LinkedHashMap<>();
        ROLE_PROPERTY.forEach((type, property) -> {
            for (TemplateResource principal : translated.resourcesOfType(type)) {
                String roleId = roleLogicalId(principal, property);
                TemplateResource role = translated.resources().get(roleId);
                if (role == null || !role.type().equals(ROLE_TYPE)) {
                    throw new TemplateException("%s: %s is not a role of the template"
                            .formatted(principal.path(property), roleId));
                }
                // CloudFormation names a role <stack>-<LogicalId>-<suffix>; the suffix is left out locally.
                roles.put(stack.resource(principal.logicalId()).name(), new Role(
                        "%s-%s".formatted(stack.environment().stackName(), roleId),
                        type.equals(STATE_MACHINE_TYPE), statements(role, conditions, stack.intrinsics())));
            }
        });
        return roles;
    }

    /**
     * A generated role and its inline policies' statements.
     *
     * @param stateMachine whether the role is a state machine's (else a function's)
     */
    public record Role(String name, boolean stateMachine, ArrayNode statements) {
    }

    /** SAM names a generated role through {@code Fn::GetAtt [LogicalIdRole, Arn]}. */
    private static String roleLogicalId(TemplateResource principal, String property) {
        JsonNode getAtt = principal.properties().path(property).path("Fn::GetAtt");
        if (!getAtt.isArray() || getAtt.size() != 2 || !getAtt.get(1).asText().equals("Arn")) {
            throw new TemplateException("%s: expected the Arn of a role of the template, as SAM generates it"
                    .formatted(principal.path(property)));
        }
        return getAtt.get(0).asText();
    }

    private static ArrayNode statements(TemplateResource role, TemplateConditions conditions,
            Intrinsics intrinsics) {
        for (JsonNode arn : role.properties().path("ManagedPolicyArns")) {
            if (!LOGS_AND_TRACES.contains(arn.asText())) {
                throw new TemplateException(("%s: only inline policies and SAM's policy templates are evaluated"
                        + " locally, not the managed policy %s").formatted(role.path("ManagedPolicyArns"), arn));
            }
        }
        String path = role.path("Policies");
        JsonNode policies = conditions.choose(role.properties().path("Policies"), path);
        ArrayNode statements = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < policies.size(); i++) {
            String at = "%s[%d].PolicyDocument.Statement".formatted(path, i);
            JsonNode statement = intrinsics.resolve(policies.get(i).path("PolicyDocument").path("Statement"), at);
            if (statement.isArray()) {
                statements.addAll((ArrayNode) statement);
            } else {
                statements.add(statement);
            }
        }
        return statements;
    }
}
