# STANDS IN FOR AWS: what moto 5.2.5's CloudFormation lacks to create SAM's output for template.yaml as CloudFormation
# does. Four resource types are not in moto's list (it logs "No Moto CloudFormation support" and creates nothing, so
# CreateStack fails where a rule's target is the Ref of an alias): each class below creates its resource through
# moto's own backend, with the properties CloudFormation has already resolved. The functions after them fill in what
# moto leaves out of types it has. Each follows the resource type's page in the CloudFormation template reference
# (docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-<service>-<type>.html) and, for what
# the services answer, their API references. moto's CloudFormation picks up every direct subclass of
# CloudFormationModel when it first parses a template.
import json

from moto.awslambda.models import LambdaFunction, LambdaVersion
from moto.awslambda.utils import get_backend as lambda_backend
from moto.cloudwatch.models import cloudwatch_backends
from moto.core.common_models import CloudFormationModel
from moto.events.models import EventBus
from moto.iam.models import Role
from moto.sqs.models import sqs_backends

# moto files each model under the service its module names (moto.<service>.models); these are CloudFormation's.
__name__ = "moto_local.cloudformation"


class StandIn:
    """What the four types share; each is a direct subclass of CloudFormationModel, as moto's lookup requires, and
    names its TYPE, the ATTRIBUTES that Fn::GetAtt reads, and how it creates itself from resolved properties."""

    TYPE = None
    ATTRIBUTES = ()

    def __init__(self, physical_resource_id, attributes):
        self.physical_id = physical_resource_id
        self.attributes = attributes

    @property
    def physical_resource_id(self):
        return self.physical_id

    @classmethod
    def cloudformation_type(cls):
        return cls.TYPE

    @classmethod
    def has_cfn_attr(cls, attr):
        return attr in cls.ATTRIBUTES

    def get_cfn_attribute(self, attribute_name):
        from moto.cloudformation.exceptions import UnformattedGetAttTemplateException

        if attribute_name not in self.attributes:
            raise UnformattedGetAttTemplateException()
        return self.attributes[attribute_name]

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        physical_id, attributes = cls.create(resource_name, cloudformation_json["Properties"], account_id,
                                             region_name)
        return cls(physical_id, attributes)

    @classmethod
    def delete_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name):
        pass


def _function_name(name_or_arn):
    """FunctionName may be a name, a function ARN or a qualified (alias) ARN, as Lambda's API accepts them."""
    parts = name_or_arn.split(":")
    return parts[6] if len(parts) >= 7 else name_or_arn


class LambdaAliasType(StandIn, CloudFormationModel):
    """Ref is the alias ARN."""

    TYPE = "AWS::Lambda::Alias"
    ATTRIBUTES = ("AliasArn",)

    @staticmethod
    def create(resource_name, properties, account_id, region_name):
        alias = lambda_backend(account_id, region_name).create_alias(
            name=properties["Name"],
            function_name=_function_name(properties["FunctionName"]),
            function_version=str(properties["FunctionVersion"]),
            description=properties.get("Description", ""),
            routing_config=properties.get("RoutingConfig"),
        )
        return alias.arn, {"AliasArn": alias.arn}


class EventInvokeConfigType(StandIn, CloudFormationModel):
    """Ref is "<function>|<qualifier>"."""

    TYPE = "AWS::Lambda::EventInvokeConfig"

    @staticmethod
    def create(resource_name, properties, account_id, region_name):
        function = _function_name(properties["FunctionName"])
        qualifier = properties["Qualifier"]
        config = {key: properties[key] for key in
                  ("MaximumRetryAttempts", "MaximumEventAgeInSeconds", "DestinationConfig") if key in properties}
        lambda_backend(account_id, region_name).put_function_event_invoke_config(
            f"{function}:{qualifier}" if qualifier != "$LATEST" else function, config)
        return f"{function}|{qualifier}", {}


class AlarmType(StandIn, CloudFormationModel):
    """Ref is the alarm's name."""

    TYPE = "AWS::CloudWatch::Alarm"
    ATTRIBUTES = ("Arn",)

    @staticmethod
    def create(resource_name, properties, account_id, region_name):
        name = properties.get("AlarmName", resource_name)
        alarm = cloudwatch_backends[account_id][region_name].put_metric_alarm(
            name=name,
            namespace=properties.get("Namespace"),
            metric_name=properties.get("MetricName"),
            comparison_operator=properties["ComparisonOperator"],
            evaluation_periods=int(properties["EvaluationPeriods"]),
            period=int(properties["Period"]) if "Period" in properties else None,
            threshold=float(properties["Threshold"]) if "Threshold" in properties else None,
            statistic=properties.get("Statistic"),
            description=properties.get("AlarmDescription"),
            dimensions=properties.get("Dimensions", []),
            alarm_actions=properties.get("AlarmActions", []),
            datapoints_to_alarm=int(properties["DatapointsToAlarm"]) if "DatapointsToAlarm" in properties else None,
            extended_statistic=properties.get("ExtendedStatistic"),
            ok_actions=properties.get("OKActions", []),
            insufficient_data_actions=properties.get("InsufficientDataActions", []),
            unit=properties.get("Unit"),
            actions_enabled=properties.get("ActionsEnabled", True) not in (False, "false"),
            treat_missing_data=properties.get("TreatMissingData"),
        )
        return name, {"Arn": alarm.alarm_arn}


class QueuePolicyType(StandIn, CloudFormationModel):
    """Sets the Policy attribute of each queue; Ref is a generated id."""

    TYPE = "AWS::SQS::QueuePolicy"

    @staticmethod
    def create(resource_name, properties, account_id, region_name):
        backend = sqs_backends[account_id][region_name]
        for url in properties["Queues"]:
            backend.set_queue_attributes(url.rstrip("/").rsplit("/", 1)[-1],
                                         {"Policy": json.dumps(properties["PolicyDocument"])})
        return resource_name, {}


def version_number_attribute():
    """AWS::Lambda::Version: moto publishes the version but answers no Fn::GetAtt, while CloudFormation documents
    the attribute Version (the version number), which SAM's alias names as its FunctionVersion."""

    def get_cfn_attribute(self, attribute_name):
        from moto.cloudformation.exceptions import UnformattedGetAttTemplateException

        if attribute_name != "Version":
            raise UnformattedGetAttTemplateException()
        return str(self.version)

    LambdaVersion.has_cfn_attr = classmethod(lambda cls, attr: attr == "Version")
    LambdaVersion.get_cfn_attribute = get_cfn_attribute


version_number_attribute()


def event_bus_ref_is_its_name():
    """AWS::Events::EventBus: CloudFormation documents that Ref returns the bus's name; moto's bus has no physical
    id, so its Ref returns the model object itself, which then fails every call that lists what holds it (a function's
    environment variable, for one)."""
    EventBus.physical_resource_id = property(lambda bus: bus.name)


event_bus_ref_is_its_name()


def dead_letter_config():
    """AWS::Lambda::Function's DeadLetterConfig: moto's CloudFormation drops it, so GetFunctionConfiguration never
    names the queue where Lambda sends an asynchronous event it gave up on. Kept and answered as the Lambda API
    reference documents it (DeadLetterConfig.TargetArn)."""
    from_template = LambdaFunction.create_from_cloudformation_json.__func__
    configuration = LambdaFunction.get_configuration

    def created(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        function = from_template(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
        function.dead_letter_config = cloudformation_json["Properties"].get("DeadLetterConfig")
        return function

    def answering(self, *args, **kwargs):
        config = configuration(self, *args, **kwargs)
        if getattr(self, "dead_letter_config", None):
            config["DeadLetterConfig"] = self.dead_letter_config
        return config

    LambdaFunction.create_from_cloudformation_json = classmethod(created)
    LambdaFunction.get_configuration = answering


dead_letter_config()


def role_policies_as_json():
    """AWS::IAM::Role's Policies: moto keeps a PolicyDocument given as a template object as that object, and
    GetRolePolicy then answers Python's rendering of it, not JSON. IAM keeps a policy document as JSON text."""
    put_policy = Role.put_policy

    def as_json(self, policy_name, policy_json):
        put_policy(self, policy_name, policy_json if isinstance(policy_json, str) else json.dumps(policy_json))

    Role.put_policy = as_json


role_policies_as_json()


def state_machine_as_the_api_sees_it():
    """AWS::StepFunctions::StateMachine: moto creates it in the backend that does not run executions, so with
    execute_state_machine on (the runtime's setting) DescribeStateMachine and StartExecution do not find it; and it
    ignores DefinitionSubstitutions, which SAM's output uses for every ${...} in the definition. CloudFormation
    replaces each ${Key} of DefinitionString (or of Definition, an object) with the substitution's value."""
    from moto.stepfunctions.models import StateMachine
    from moto.stepfunctions.responses import get_backend as stepfunctions_backend
    from moto.stepfunctions.utils import cfn_to_api_tags

    def create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        properties = cloudformation_json["Properties"]
        definition = properties.get("DefinitionString") or json.dumps(properties.get("Definition", {}))
        for key, value in properties.get("DefinitionSubstitutions", {}).items():
            definition = definition.replace("${" + key + "}", str(value))
        return stepfunctions_backend(account_id, region_name).create_state_machine(
            properties.get("StateMachineName", resource_name), definition, properties.get("RoleArn", ""),
            tags=cfn_to_api_tags(properties.get("Tags", [])), sm_type=properties.get("StateMachineType"))

    StateMachine.create_from_cloudformation_json = classmethod(create)


state_machine_as_the_api_sees_it()


def rules_pass_over_function_targets():
    """EventBridge delivers to a Lambda target by invoking the function asynchronously; moto cannot run the function
    and fails the whole PutEvents (NotImplementedError, HTTP 500) when a matching rule has such a target, which every
    rule of SAM's output has. Here moto delivers to the rule's other targets only: the runtime gives each rule that
    targets one of its functions a queue beside it, from which the function host invokes the function."""
    import copy

    from moto.events.models import Rule
    from moto.utilities.arns import parse_arn

    send_to_targets = Rule.send_to_targets

    def without_functions(self, original_event, transform_input=True):
        delivering = copy.copy(self)
        delivering.targets = [target for target in self.targets if parse_arn(target["Arn"]).service != "lambda"]
        send_to_targets(delivering, original_event, transform_input)

    Rule.send_to_targets = without_functions


rules_pass_over_function_targets()


def no_value_leaves_no_list_item():
    """Ref AWS::NoValue, as Fn::If returns it, removes what it stands for: CloudFormation's pseudo parameter
    reference says it "removes the corresponding resource property", and in a list (a policy's statements) the item
    goes. moto resolves it to None and keeps a null item, which then reads back as a statement without an Effect.
    A template's own null list item, which JSON allows but CloudFormation's schemas do not, goes too."""
    from moto.cloudformation import parsing

    clean_json = parsing.clean_json

    def without_no_values(resource_json, resources_map):
        cleaned = clean_json(resource_json, resources_map)
        if isinstance(resource_json, list):
            return [item for item in cleaned if item is not None]
        return cleaned

    parsing.clean_json = without_no_values


no_value_leaves_no_list_item()
