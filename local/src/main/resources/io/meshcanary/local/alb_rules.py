# --- Stands in for AWS: ALB listener rules as ModifyRule and DescribeRules treat them ---------------------------------
# moto 5.2.5 lets ModifyRule change a listener's default rule, accepts an authenticate-oidc action without its client
# secret, and hands the secret back from DescribeRules. ALB does none of these; what follows does what the Elastic Load
# Balancing API reference documents. moto_launcher.py imports this module before the server starts.

from moto.elbv2.exceptions import ELBClientError, ValidationError
from moto.elbv2.models import ELBv2Backend


class OperationNotPermitted(ELBClientError):
    code = "OperationNotPermitted"


def without_client_secrets(actions):
    """The actions as ALB keeps them: it stores an OIDC client secret but never returns it (DescribeRules)."""
    kept = []
    for action in actions:
        oidc = action.get("AuthenticateOidcConfig")
        if oidc is not None:
            action = dict(action, AuthenticateOidcConfig={key: value for key, value in oidc.items()
                                                          if key not in ("ClientSecret", "UseExistingClientSecret")})
        kept.append(action)
    return kept


def require_client_secrets(actions):
    """AuthenticateOidcActionConfig.ClientSecret: required, unless a modification sets UseExistingClientSecret."""
    for action in actions:
        oidc = action.get("AuthenticateOidcConfig")
        if action.get("Type") == "authenticate-oidc" and oidc is not None and not oidc.get("ClientSecret") \
                and str(oidc.get("UseExistingClientSecret", "false")).lower() != "true":
            raise ValidationError("An authenticate-oidc action needs a ClientSecret, or UseExistingClientSecret set to"
                                  " true to keep the rule's secret")


def alb_rules():
    create_rule = ELBv2Backend.create_rule
    modify_rule = ELBv2Backend.modify_rule

    def creating(self, listener_arn, conditions, priority, actions, tags=None):
        require_client_secrets(actions)
        return create_rule(self, listener_arn, conditions, priority, without_client_secrets(actions), tags)

    def modifying(self, rule_arn, conditions, actions):
        found = self.describe_rules(listener_arn=None, rule_arns=[rule_arn])
        # ModifyRule: a listener's default rule is changed through ModifyListener's DefaultActions, never here.
        if found[0].is_default:
            raise OperationNotPermitted(f"The default rule '{rule_arn}' cannot be modified; modify the listener's"
                                        " default actions instead")
        require_client_secrets(actions)
        return modify_rule(self, rule_arn, conditions, without_client_secrets(actions))

    ELBv2Backend.create_rule = creating
    ELBv2Backend.modify_rule = modifying


alb_rules()
