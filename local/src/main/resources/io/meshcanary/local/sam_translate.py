# Reads a SAM template as `sam deploy` does, for the local runtime:
#   python sam_translate.py TEMPLATE OUT_DIR
# writes OUT_DIR/decoded.json (the template with its short-form tags, !Ref, !Sub, !If..., decoded into their long
# form by cfn-lint's decoder, the one `cfn-lint` and `sam validate --lint` use) and OUT_DIR/translated.json (the plain
# CloudFormation that SAM's own translator makes of it: roles with the policy templates expanded, rules, aliases).
#   python sam_translate.py --decode TEMPLATE
# prints the decoded template only.
#   python sam_translate.py --deploy TRANSLATED STACK PARAMETERS_JSON
# creates TRANSLATED (a translated.json) as stack STACK through CloudFormation at $AWS_ENDPOINT_URL, the local
# runtime's moto with the stand-ins of cfn_types.py, after uploading the code package the template names, as
# `sam deploy` does; prints what was provisioned as JSON (see deploy below).
import copy
import functools
import json
import os
import sys

# `sam deploy` uploads local code and definition files and puts their S3 locations in the template before it is
# translated. Locally the code runs in-process, so the code location only has to be well formed; a state machine's
# definition file is inlined instead, which the translator turns into the same DefinitionString plus
# DefinitionSubstitutions that CloudFormation would substitute.
LOCAL_CODE_URI = "s3://meshcanary-local/functions.zip"


def cfn_yaml():
    # Imported when needed: cfn-lint takes seconds to import, which --deploy does not need.
    from cfnlint.decode import cfn_yaml as decoder

    return decoder


def decode(template_path):
    return cfn_yaml().load(template_path)


def packaged(template, template_dir):
    template = copy.deepcopy(template)
    function_globals = template.get("Globals", {}).get("Function", {})
    if "CodeUri" in function_globals:
        function_globals["CodeUri"] = LOCAL_CODE_URI
    for resource in template.get("Resources", {}).values():
        properties = resource.get("Properties", {})
        if resource.get("Type") == "AWS::Serverless::Function" and "CodeUri" in properties:
            properties["CodeUri"] = LOCAL_CODE_URI
        if resource.get("Type") == "AWS::Serverless::StateMachine" and isinstance(properties.get("DefinitionUri"), str):
            with open(os.path.join(template_dir, properties.pop("DefinitionUri"))) as definition:
                properties["Definition"] = cfn_yaml().loads(definition.read())
    return template


class NoManagedPolicies:
    """The translator asks IAM for the ARNs of managed policies named without one; the template names none."""

    def load(self):
        return {}


def translate(template):
    from samtranslator.translator.transform import transform

    return transform(template, {}, NoManagedPolicies())


def check_parameters(declared, given):
    """STANDS IN FOR AWS: CloudFormation refuses a value outside a parameter's AllowedValues or not matching its
    AllowedPattern, and a value for a parameter the template does not declare; moto checks none of these.
    Source: AWS CloudFormation User Guide, "Parameters section syntax reference" (AllowedValues, AllowedPattern)."""
    import re

    for name, value in given.items():
        if name not in declared:
            raise ValueError(f"a value was given for parameter {name}, which the template does not declare")
        allowed = declared[name].get("AllowedValues")
        if allowed and value not in allowed:
            raise ValueError(f"parameter {name}: '{value}' is not one of {allowed}")
        pattern = declared[name].get("AllowedPattern")
        if pattern and not re.fullmatch(pattern, value):
            raise ValueError(f"parameter {name}: '{value}' does not match {pattern}")
    missing = [name for name, parameter in declared.items() if name not in given and "Default" not in parameter]
    if missing:
        raise ValueError("parameters without a default need a value (local/runtime.properties or --param"
                         f" Name=Value): {', '.join(missing)}")


# The managed policies SAM attaches by itself allow logs and traces, which the local runtime does not send.
LOGS_AND_TRACES = {"arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                   "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess"}


def check_managed_policies(resources):
    """moto attaches no AWS managed policy, so what one allows is unknown locally: a role with any managed policy
    other than SAM's logs and traces ones is refused rather than enforced as if it allowed nothing."""
    for logical_id, resource in resources.items():
        if resource.get("Type") != "AWS::IAM::Role":
            continue
        for arn in resource.get("Properties", {}).get("ManagedPolicyArns", []):
            if arn not in LOGS_AND_TRACES:
                raise ValueError(f"{logical_id}.ManagedPolicyArns: only inline policies and SAM's policy templates"
                                 f" are evaluated locally, not the managed policy {json.dumps(arn)}")


def deploy(translated_path, stack_name, parameters):
    """Creates the stack and answers what was provisioned, read back through the services' APIs as AWS would
    answer it: the resources, the parameters' values, each function's configuration and retry settings, the rules
    that deliver to a function (with the queue the function host takes their events from) and each role's inline
    policies."""
    import io
    import zipfile

    with open(translated_path) as translated:
        body = translated.read()
    template = json.loads(body)
    check_parameters(template.get("Parameters", {}), parameters)
    check_managed_policies(template.get("Resources", {}))
    # The functions run in-process; Lambda only needs a package to exist where the template says it is.
    bucket, key = LOCAL_CODE_URI[len("s3://"):].split("/", 1)
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("README", "The local runtime runs these functions in its function host.")
    s3 = client("s3")
    s3.create_bucket(Bucket=bucket)
    s3.put_object(Bucket=bucket, Key=key, Body=package.getvalue())
    cloudformation = client("cloudformation")
    cloudformation.create_stack(
        StackName=stack_name, TemplateBody=body,
        Parameters=[{"ParameterKey": name, "ParameterValue": value} for name, value in parameters.items()],
        Capabilities=["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"])
    stack = cloudformation.describe_stacks(StackName=stack_name)["Stacks"][0]
    if stack["StackStatus"] != "CREATE_COMPLETE":
        raise RuntimeError(f"stack {stack_name} is {stack['StackStatus']}: {stack.get('StackStatusReason')}")
    summaries = cloudformation.get_paginator("list_stack_resources").paginate(StackName=stack_name)
    resources = {resource["LogicalResourceId"]: {"type": resource["ResourceType"],
                                                 "physicalId": resource["PhysicalResourceId"]}
                 for page in summaries for resource in page["StackResourceSummaries"]}
    functions = [function_configuration(resource["physicalId"]) for resource in resources.values()
                 if resource["type"] == "AWS::Lambda::Function"]
    state_machines = [client("stepfunctions").describe_state_machine(stateMachineArn=resource["physicalId"])
                      for resource in resources.values() if resource["type"] == "AWS::StepFunctions::StateMachine"]
    roles = {function["name"]: role_policies(function["role"], False) for function in functions}
    roles.update({machine["name"]: role_policies(machine["roleArn"], True) for machine in state_machines})
    return {
        "parameters": {parameter["ParameterKey"]: parameter["ParameterValue"] for parameter in stack["Parameters"]},
        "resources": resources,
        "functions": functions,
        "deliveries": deliveries({function["name"] for function in functions}),
        "roles": roles,
    }


@functools.cache
def client(service):
    import boto3

    return boto3.client(service)


def function_configuration(name):
    lambda_client = client("lambda")
    config = lambda_client.get_function_configuration(FunctionName=name)
    # The rules deliver to the function's alias; Lambda's defaults apply where no retry settings were made.
    retries = lambda_client.list_function_event_invoke_configs(FunctionName=name)["FunctionEventInvokeConfigs"]
    retry = retries[0] if retries else {}
    dead_letter_arn = config.get("DeadLetterConfig", {}).get("TargetArn")
    return {
        "name": config["FunctionName"],
        "arn": config["FunctionArn"],
        "handler": config["Handler"],
        "timeoutSeconds": config["Timeout"],
        "memoryMb": config["MemorySize"],
        "environment": config.get("Environment", {}).get("Variables", {}),
        "role": config["Role"],
        "maximumRetryAttempts": retry.get("MaximumRetryAttempts", 2),
        "maximumEventAgeSeconds": retry.get("MaximumEventAgeInSeconds", 21600),
        "deadLetterQueueUrl": queue_url(dead_letter_arn) if dead_letter_arn else None,
    }


def queue_url(arn):
    return client("sqs").get_queue_url(QueueName=arn.split(":")[5])["QueueUrl"]


def deliveries(function_names):
    """STANDS IN FOR AWS: EventBridge's delivery to Lambda, which moto drops (it delivers to queues, logs and buses
    only). Each rule whose target is one of the stack's functions, or a version or alias of it, gets a queue as a
    second target, from which the function host invokes the function asynchronously, as EventBridge does. A
    schedule fires no event locally: a test invokes the function instead."""
    events = client("events")
    sqs = client("sqs")
    found = []
    for bus in events.list_event_buses()["EventBuses"]:
        for rule in events.list_rules(EventBusName=bus["Name"])["Rules"]:
            if "EventPattern" not in rule:
                continue
            for target in events.list_targets_by_rule(Rule=rule["Name"], EventBusName=bus["Name"])["Targets"]:
                parts = target["Arn"].split(":")
                if parts[2] != "lambda" or parts[6] not in function_names:
                    continue
                queue = sqs.create_queue(QueueName=f"{rule['Name']}-local")
                attributes = sqs.get_queue_attributes(QueueUrl=queue["QueueUrl"], AttributeNames=["QueueArn"])
                events.put_targets(Rule=rule["Name"], EventBusName=bus["Name"], Targets=[
                    {"Id": "local-function-host", "Arn": attributes["Attributes"]["QueueArn"]}])
                found.append({"ruleName": rule["Name"], "queueUrl": queue["QueueUrl"], "functionName": parts[6]})
    return found


def role_policies(role_arn, state_machine):
    iam = client("iam")
    name = role_arn.rsplit("/", 1)[-1]
    statements = []
    for policy in iam.list_role_policies(RoleName=name)["PolicyNames"]:
        statement = iam.get_role_policy(RoleName=name, PolicyName=policy)["PolicyDocument"]["Statement"]
        statements.extend(statement if isinstance(statement, list) else [statement])
    return {"roleName": name, "stateMachine": state_machine, "statements": statements}


def main(argv):
    if argv[:1] == ["--decode"]:
        json.dump(decode(argv[1]), sys.stdout, indent=2)
        return
    if argv[:1] == ["--deploy"]:
        json.dump(deploy(argv[1], argv[2], json.loads(argv[3])), sys.stdout, indent=2)
        return
    template_path, out_dir = argv
    decoded = decode(template_path)
    with open(os.path.join(out_dir, "decoded.json"), "w") as out:
        json.dump(decoded, out, indent=2)
    translated = translate(packaged(decoded, os.path.dirname(os.path.abspath(template_path))))
    with open(os.path.join(out_dir, "translated.json"), "w") as out:
        json.dump(translated, out, indent=2)


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except Exception as error:  # noqa: BLE001 - the supervisor shows the message, not a traceback
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(1)
