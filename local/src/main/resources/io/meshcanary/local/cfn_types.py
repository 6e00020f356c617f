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
    """What the four types share; each is a direct subclass of CloudFormationModel, as moto's lookup requires."""

    def __init__(self, physical_resource_id, attributes):
        self.physical_id = physical_resource_id
        self.attributes = attributes

    @property
    def physical_resource_id(self):
        return self.physical_id

    @classmethod
    def has_cfn_attr(cls, attr):
        return attr in cls.ATTRIBUTES

    def get_cfn_attribute(self, attribute_name):
        from moto.cloudformation.exceptions import UnformattedGetAttTemplateException

        if attribute_name not in self.attributes:
            raise UnformattedGetAttTemplateException()
        return self.attributes[attribute_name]

    @classmethod
    def delete_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name):
        pass


def _function_name(name_or_arn):
    """FunctionName may be a name, a function ARN or a qualified (alias) ARN, as Lambda's API accepts them."""
    parts = name_or_arn.split(":")
    return parts[6] if len(parts) >= 7 else name_or_arn


class LambdaAliasType(StandIn, CloudFormationModel):
    """AWS::Lambda::Alias: Ref is the alias ARN; attributes AliasArn."""

    ATTRIBUTES = ("AliasArn",)

    @staticmethod
    def cloudformation_type():
        return "AWS::Lambda::Alias"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        properties = cloudformation_json["Properties"]
        alias = lambda_backend(account_id, region_name).create_alias(
            name=properties["Name"],
            function_name=_function_name(properties["FunctionName"]),
            function_version=str(properties["FunctionVersion"]),
            description=properties.get("Description", ""),
            routing_config=properties.get("RoutingConfig"),
        )
        return cls(alias.arn, {"AliasArn": alias.arn})


class EventInvokeConfigType(StandIn, CloudFormationModel):
    """AWS::Lambda::EventInvokeConfig: Ref is "<function>|<qualifier>" in AWS; no attributes."""

    ATTRIBUTES = ()

    @staticmethod
    def cloudformation_type():
        return "AWS::Lambda::EventInvokeConfig"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        properties = cloudformation_json["Properties"]
        function = _function_name(properties["FunctionName"])
        qualifier = properties["Qualifier"]
        config = {key: properties[key] for key in
                  ("MaximumRetryAttempts", "MaximumEventAgeInSeconds", "DestinationConfig") if key in properties}
        lambda_backend(account_id, region_name).put_function_event_invoke_config(
            f"{function}:{qualifier}" if qualifier != "$LATEST" else function, config)
        return cls(f"{function}|{qualifier}", {})


class AlarmType(StandIn, CloudFormationModel):
    """AWS::CloudWatch::Alarm: Ref is the alarm name; attributes Arn."""

    ATTRIBUTES = ("Arn",)

    @staticmethod
    def cloudformation_type():
        return "AWS::CloudWatch::Alarm"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        p = cloudformation_json["Properties"]
        name = p.get("AlarmName", resource_name)
        alarm = cloudwatch_backends[account_id][region_name].put_metric_alarm(
            name=name,
            namespace=p.get("Namespace"),
            metric_name=p.get("MetricName"),
            comparison_operator=p["ComparisonOperator"],
            evaluation_periods=int(p["EvaluationPeriods"]),
            period=int(p["Period"]) if "Period" in p else None,
            threshold=float(p["Threshold"]) if "Threshold" in p else None,
            statistic=p.get("Statistic"),
            description=p.get("AlarmDescription"),
            dimensions=p.get("Dimensions", []),
            alarm_actions=p.get("AlarmActions", []),
            datapoints_to_alarm=int(p["DatapointsToAlarm"]) if "DatapointsToAlarm" in p else None,
            extended_statistic=p.get("ExtendedStatistic"),
            ok_actions=p.get("OKActions", []),
            insufficient_data_actions=p.get("InsufficientDataActions", []),
            unit=p.get("Unit"),
            actions_enabled=p.get("ActionsEnabled", True) not in (False, "false"),
            treat_missing_data=p.get("TreatMissingData"),
        )
        return cls(name, {"Arn": alarm.alarm_arn})


class QueuePolicyType(StandIn, CloudFormationModel):
    """AWS::SQS::QueuePolicy: the queues' Policy attribute; Ref is a generated id; no attributes."""

    ATTRIBUTES = ()

    @staticmethod
    def cloudformation_type():
        return "AWS::SQS::QueuePolicy"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        properties = cloudformation_json["Properties"]
        backend = sqs_backends[account_id][region_name]
        for url in properties["Queues"]:
            backend.set_queue_attributes(url.rstrip("/").rsplit("/", 1)[-1],
                                         {"Policy": json.dumps(properties["PolicyDocument"])})
        return cls(resource_name, {})


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
    """AWS::Lambda::Function's DeadLetterConfig (and CreateFunction's): moto drops it, so GetFunctionConfiguration
    never names the queue where Lambda sends an asynchronous event it gave up on. Kept and answered as the Lambda
    API reference documents it (DeadLetterConfig.TargetArn)."""
    init = LambdaFunction.__init__
    from_template = LambdaFunction.create_from_cloudformation_json.__func__
    configuration = LambdaFunction.get_configuration

    def keeping(self, account_id, spec, region, version=1):
        init(self, account_id, spec, region, version)
        self.dead_letter_config = spec.get("DeadLetterConfig")

    def created(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        function = from_template(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
        function.dead_letter_config = cloudformation_json["Properties"].get("DeadLetterConfig")
        return function

    def answering(self, *args, **kwargs):
        config = configuration(self, *args, **kwargs)
        if getattr(self, "dead_letter_config", None):
            config["DeadLetterConfig"] = self.dead_letter_config
        return config

    LambdaFunction.__init__ = keeping
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
