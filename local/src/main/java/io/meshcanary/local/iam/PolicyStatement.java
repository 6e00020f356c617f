package io.meshcanary.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One statement of an identity-based policy, with the parts of IAM's grammar the template uses: Effect, Action or
 * NotAction, Resource or NotResource, and Condition with the operators {@link Condition} knows. Anything else fails
 * when the policy is read, so that no statement is silently half-understood.
 */
public record PolicyStatement(
        String sid, boolean allow, List<String> actions, boolean notAction, List<String> resources,
        boolean notResource, List<Condition> conditions) {

    private static final Set<String> FIELDS = Set.of(
            "Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition");

    public PolicyStatement {
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
        conditions = List.copyOf(conditions);
    }

    static PolicyStatement parse(JsonNode statement, String where) {
        for (Iterator<String> it = statement.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("%s: %s is not supported in an identity-based policy here"
                        .formatted(where, field));
            }
        }
        String effect = statement.path("Effect").asText();
        if (!effect.equals("Allow") && !effect.equals("Deny")) {
            throw new IllegalArgumentException("%s: Effect must be Allow or Deny, not '%s'".formatted(where, effect));
        }
        return new PolicyStatement(statement.path("Sid").asText(""), effect.equals("Allow"),
                either(statement, "Action", "NotAction", where), statement.has("NotAction"),
                either(statement, "Resource", "NotResource", where), statement.has("NotResource"),
                Condition.parseBlock(statement.path("Condition"), where));
    }

    private static List<String> either(JsonNode statement, String name, String notName, String where) {
        if (statement.has(name) == statement.has(notName)) {
            throw new IllegalArgumentException("%s: a statement needs exactly one of %s and %s"
                    .formatted(where, name, notName));
        }
        return strings(statement.has(name) ? statement.get(name) : statement.get(notName), where + "." + name);
    }

    static List<String> strings(JsonNode node, String where) {
        List<String> values = new ArrayList<>();
        if (node.isTextual()) {
            values.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(value -> values.add(strings(value, where).getFirst()));
        } else {
            throw new IllegalArgumentException(where + ": expected a string or a list of strings");
        }
        return values;
    }

    /** Whether the statement applies to the request: action, resource and every condition match. */
    boolean applies(Authorization request) {
        boolean actionListed = actions.stream().anyMatch(action -> Wildcard.matches(action, request.action(), true));
        boolean resourceListed = resources.stream()
                .anyMatch(resource -> Wildcard.matches(resource, request.resource(), false));
        return actionListed != notAction && resourceListed != notResource
                && conditions.stream().allMatch(condition -> condition.holds(request.context()));
    }

    /**
     * One operator, one key, its values. Within a statement every condition must hold; within a condition any value
     * may match; a key the request does not carry makes the condition false (IAM's rule for operators without
     * IfExists).
     */
    public record Condition(Operator operator, String key, List<String> values) {

        public Condition {
            values = List.copyOf(values);
        }

        static List<Condition> parseBlock(JsonNode block, String where) {
            List<Condition> conditions = new ArrayList<>();
            block.properties().forEach(byOperator -> {
                Operator operator = Operator.named(byOperator.getKey(), where);
                byOperator.getValue().properties().forEach(byKey -> conditions.add(new Condition(operator,
                        byKey.getKey(), strings(byKey.getValue(), where + ".Condition." + byKey.getKey()))));
            });
            return conditions;
        }

        boolean holds(Map<String, String> context) {
            // Condition key names are case-insensitive in IAM; their values are not.
            return context.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(key))
                    .findFirst()
                    .map(entry -> values.stream().anyMatch(value -> operator.matches(value, entry.getValue())))
                    .orElse(false);
        }
    }

    /** The condition operators the template uses, with IAM's documented semantics. */
    public enum Operator {
        /** Exact, case-sensitive. */
        StringEquals,
        /** Case-sensitive, with {@code *} and {@code ?} wildcards anywhere in the value. */
        StringLike,
        /** An ARN, each of its six colon-separated parts matched on its own, wildcards allowed in each. */
        ArnEquals,
        /** Same as ArnEquals: IAM documents the two identically. */
        ArnLike;

        static Operator named(String name, String where) {
            for (Operator operator : values()) {
                if (operator.name().equals(name)) {
                    return operator;
                }
            }
            throw new IllegalArgumentException("%s: condition operator %s is not supported locally (only %s)"
                    .formatted(where, name, List.of(values())));
        }

        boolean matches(String policyValue, String requestValue) {
            return switch (this) {
                case StringEquals -> policyValue.equals(requestValue);
                case StringLike -> Wildcard.matches(policyValue, requestValue, false);
                case ArnEquals, ArnLike -> arnMatches(policyValue, requestValue);
            };
        }

        private static boolean arnMatches(String pattern, String arn) {
            String[] patternParts = pattern.split(":", 6);
            String[] arnParts = arn.split(":", 6);
            if (patternParts.length != 6 || arnParts.length != 6) {
                return false;
            }
            for (int i = 0; i < 6; i++) {
                if (!Wildcard.matches(patternParts[i], arnParts[i], false)) {
                    return false;
                }
            }
            return true;
        }
    }
}
