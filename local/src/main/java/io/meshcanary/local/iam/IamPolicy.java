package io.meshcanary.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A role's identity-based policy as IAM evaluates it within one account, with no boundary, session or resource
 * policy: an explicit Deny wins, then an Allow, and anything not allowed is denied.
 */
public record IamPolicy(List<PolicyStatement> statements) {

    public IamPolicy {
        statements = List.copyOf(statements);
    }

    /** @param statements the Statement list, intrinsics already resolved */
    public static IamPolicy parse(JsonNode statements, String where) {
        List<PolicyStatement> parsed = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            parsed.add(PolicyStatement.parse(statements.get(i), "%s.Statement[%d]".formatted(where, i)));
        }
        return new IamPolicy(parsed);
    }

    /** The policy with conditions on these keys left out, for keys the local runtime cannot supply. */
    public IamPolicy withoutConditionsOn(List<String> keys) {
        return new IamPolicy(statements.stream().map(statement -> new PolicyStatement(statement.sid(),
                statement.allow(), statement.actions(), statement.notAction(), statement.resources(),
                statement.notResource(), statement.conditions().stream()
                        .filter(condition -> keys.stream().noneMatch(condition.key()::equalsIgnoreCase))
                        .toList()))
                .toList());
    }

    public Decision decide(Authorization request) {
        Optional<PolicyStatement> deny = statements.stream()
                .filter(statement -> !statement.allow() && statement.applies(request)).findFirst();
        if (deny.isPresent()) {
            return new Decision(false, true);
        }
        return new Decision(statements.stream().anyMatch(s -> s.allow() && s.applies(request)), false);
    }

    /** @param explicitDeny whether a Deny statement matched, which AWS's message says differently */
    public record Decision(boolean allowed, boolean explicitDeny) {
    }
}
