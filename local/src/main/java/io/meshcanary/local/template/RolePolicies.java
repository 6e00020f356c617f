package io.meshcanary.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The policy of each function's and each state machine's role, as SAM would generate it from {@code Policies}:
 * inline statements and SAM policy templates, with the template's conditions chosen and intrinsics resolved against
 * the local stack's parameters. Keyed by the physical name of the function or state machine.
 */
public final class RolePolicies {
    private static final String STATE_MACHINE_TYPE = "AWS::Serverless::StateMachine";

    private RolePolicies() {
    }

    /** @return each principal's role, by the principal's physical name */
    public static Map<String, Role> from(Template template, Stack stack) {
        TemplateConditions conditions = new TemplateConditions(template, stack);
        Map<String, Role> roles = new LinkedHashMap<>();
        for (String type : List.of(FunctionCatalog.TYPE, STATE_MACHINE_TYPE)) {
            for (TemplateResource resource : template.resourcesOfType(type)) {
                // SAM names the role it generates <stack>-<LogicalId>Role-<suffix>; the suffix is left out locally.
                roles.put(stack.resource(resource.logicalId()).name(), new Role(
                        "%s-%sRole".formatted(stack.environment().stackName(), resource.logicalId()),
                        type.equals(STATE_MACHINE_TYPE), statements(resource, conditions, stack.intrinsics())));
            }
        }
        return roles;
    }

    /**
     * A generated role and its one inline policy.
     *
     * @param stateMachine whether the role is a state machine's (else a function's)
     */
    public record Role(String name, boolean stateMachine, ArrayNode statements) {
    }

    private static ArrayNode statements(TemplateResource resource, TemplateConditions conditions,
            Intrinsics intrinsics) {
        String path = resource.path("Policies");
        JsonNode policies = conditions.choose(resource.properties().path("Policies"), path);
        ArrayNode statements = JsonNodeFactory.instance.arrayNode();
        if (policies.isMissingNode()) {
            return statements;
        }
        if (!policies.isArray()) {
            throw new TemplateException(path + ": expected a list of policies");
        }
        for (int i = 0; i < policies.size(); i++) {
            String at = "%s[%d]".formatted(path, i);
            JsonNode policy = policies.get(i);
            if (!policy.isObject() || policy.size() == 0) {
                throw new TemplateException(("%s: only inline statements and SAM policy templates are evaluated"
                        + " locally, not a managed policy (%s)").formatted(at, policy));
            }
            if (policy.has("Statement")) {
                Nodes.requireOnly(policy, Set.of("Version", "Statement"), at);
                statements.addAll((ArrayNode) intrinsics.resolve(policy.get("Statement"), at + ".Statement"));
            } else {
                String name = policy.fieldNames().next();
                statements.addAll((ArrayNode) intrinsics.resolve(
                        SamPolicyTemplates.expand(name, policy.get(name), at + "." + name), at + "." + name));
            }
        }
        return statements;
    }
}
