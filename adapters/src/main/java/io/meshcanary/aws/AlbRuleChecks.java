package io.meshcanary.aws;

import io.meshcanary.spec.InvalidSpecException;
import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;

/**
 * What ALB refuses of a rule that meshcanary weighs, told by name before anything changes: the listener's default
 * rule, which ModifyRule cannot change, and a forward action with no room for the primary's group. And how the rule's
 * actions must be sent back so that ModifyRule accepts them.
 */
final class AlbRuleChecks {

    /** Elastic Load Balancing quotas: a forward action weighs at most 5 target groups. */
    private static final int MAX_TARGET_GROUPS_PER_FORWARD = 5;

    private AlbRuleChecks() {
    }

    /** A default rule is changed through ModifyListener only: ModifyRule answers OperationNotPermitted. */
    static Rule modifiable(Rule rule, String ruleArn) {
        if (Boolean.TRUE.equals(rule.isDefault())) {
            throw new InvalidSpecException("router.ruleArn", ("rule %s is its listener's default rule, which ModifyRule"
                    + " cannot change; name a listener rule instead").formatted(ruleArn));
        }
        return rule;
    }

    /** The primary's group, or a judge's baseline's, joins the forward, which must have room for it. */
    static void roomFor(String group, int targetGroups, String ruleArn) {
        if (targetGroups >= MAX_TARGET_GROUPS_PER_FORWARD) {
            throw new InvalidSpecException("router.ruleArn", ("rule %s forwards to %d target groups, the most ALB"
                    + " allows in one action: %s needs a place").formatted(ruleArn, targetGroups, group));
        }
    }

    /**
     * The actions as ModifyRule must receive them again. DescribeRules never returns an OIDC client secret, and
     * ModifyRule refuses an authenticate-oidc action without one unless it keeps the stored secret
     * (AuthenticateOidcActionConfig.UseExistingClientSecret). An authenticate-cognito action carries no secret.
     */
    static List<Action> resendable(List<Action> actions) {
        return actions.stream().map(action -> action.type() == ActionTypeEnum.AUTHENTICATE_OIDC
                        && action.authenticateOidcConfig() != null
                ? action.toBuilder().authenticateOidcConfig(action.authenticateOidcConfig().toBuilder()
                        .clientSecret(null).useExistingClientSecret(true).build()).build()
                : action).toList();
    }
}
