package io.meshcanary.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshcanary.local.support.JsonLog;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkRequest;

/**
 * The roles of the functions and state machines the runtime hosts, each with its policy, and how each SDK operation
 * maps to IAM. A denial is logged as {@code local.accessDenied} with the {@code function} (or {@code stateMachine}),
 * the {@code action} and the {@code resource}.
 */
public final class Roles {
    private final Map<String, AssumedRole> byPrincipal;
    private final OperationResources operations;
    private final String accountId;
    private final JsonLog log;

    /** @param byPrincipal by the function's or state machine's name */
    public Roles(Map<String, AssumedRole> byPrincipal, OperationResources operations, String accountId, JsonLog log) {
        this.byPrincipal = Map.copyOf(byPrincipal);
        this.operations = operations;
        this.accountId = accountId;
        this.log = log;
    }

    /**
     * Fails the call as AWS would if the function's role does not allow all it needs.
     *
     * @param service the SDK's service name ("Ssm", "ElasticLoadBalancingV2")
     */
    void check(String function, String service, SdkRequest request) {
        List<Authorization> needed;
        try {
            needed = operations.authorizations(request);
        } catch (UnmappedOperationException e) {
            log.error("local.iamUnmappedOperation", e, "function", function, "service", service,
                    "request", request.getClass().getSimpleName());
            throw e;
        }
        for (Authorization authorization : needed) {
            Optional<Denial> denial = denial(function, authorization);
            if (denial.isPresent()) {
                throw AccessDenials.of(service, request, denial.get());
            }
        }
    }

    /** Whether the principal's role denies the authorization; a denial is logged. */
    public Optional<Denial> denial(String principal, Authorization authorization) {
        AssumedRole role = byPrincipal.get(principal);
        IamPolicy.Decision decision = role == null ? new IamPolicy.Decision(false, false)
                : role.policy().decide(authorization);
        if (decision.allowed()) {
            return Optional.empty();
        }
        log.warn("local.accessDenied", role != null && role.stateMachine() ? "stateMachine" : "function", principal,
                "action", authorization.action(),
                "resource", authorization.resource(), "explicitDeny", decision.explicitDeny(),
                "thread", Thread.currentThread().getName());
        String caller = "arn:aws:sts::%s:assumed-role/%s/%s".formatted(accountId,
                role == null ? principal : role.roleName(), principal);
        return Optional.of(new Denial(caller, authorization, decision.explicitDeny()));
    }

    /**
     * A role as its principal assumes it.
     *
     * @param stateMachine whether a state machine assumes it (else a function)
     */
    public record AssumedRole(String roleName, boolean stateMachine, IamPolicy policy) {

        /**
         * The role as the runtime enforces it: its policy statements without the conditions on keys the runtime
         * cannot supply ({@link OperationResources#UNCHECKED_CONDITION_KEYS}).
         */
        public static AssumedRole enforced(String principal, String roleName, boolean stateMachine,
                JsonNode statements) {
            return new AssumedRole(roleName, stateMachine, IamPolicy.parse(statements, principal)
                    .withoutConditionsOn(OperationResources.UNCHECKED_CONDITION_KEYS));
        }
    }

    /** A denied authorization, with what AWS's message says about it. */
    public record Denial(String callerArn, Authorization authorization, boolean explicitDeny) {

        /** IAM's wording, as an assumed role sees it. */
        public String message() {
            String action = authorization.action();
            return "User: %s is not authorized to perform: %s on resource: %s %s".formatted(callerArn, action,
                    authorization.resource(), explicitDeny
                            ? "with an explicit deny in an identity-based policy"
                            : "because no identity-based policy allows the %s action".formatted(action));
        }
    }
}
