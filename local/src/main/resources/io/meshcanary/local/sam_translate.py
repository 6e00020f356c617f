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
# `sam deploy` does; prints the stack's resources as JSON, by logical id.
import copy
import json
import os
import sys

from cfnlint.decode import cfn_yaml

# `sam deploy` uploads local code and definition files and puts their S3 locations in the template before it is
# translated. Locally the code runs in-process, so the code location only has to be well formed; a state machine's
# definition file is inlined instead, which the translator turns into the same DefinitionString plus
# DefinitionSubstitutions that CloudFormation would substitute.
LOCAL_CODE_URI = "s3://meshcanary-local/functions.zip"


def decode(template_path):
    return cfn_yaml.load(template_path)


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
                properties["Definition"] = cfn_yaml.loads(definition.read())
    return template


class NoManagedPolicies:
    """The translator asks IAM for the ARNs of managed policies named without one; the template names none."""

    def load(self):
        return {}


def translate(template):
    from samtranslator.translator.transform import transform

    return transform(template, {}, NoManagedPolicies())


def deploy(translated_path, stack_name, parameters):
    import io
    import zipfile

    import boto3

    # The functions run in-process; Lambda only needs a package to exist where the template says it is.
    bucket, key = LOCAL_CODE_URI[len("s3://"):].split("/", 1)
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("README", "The local runtime runs these functions in its function host.")
    s3 = boto3.client("s3")
    s3.create_bucket(Bucket=bucket)
    s3.put_object(Bucket=bucket, Key=key, Body=package.getvalue())
    cloudformation = boto3.client("cloudformation")
    with open(translated_path) as translated:
        cloudformation.create_stack(
            StackName=stack_name, TemplateBody=translated.read(),
            Parameters=[{"ParameterKey": name, "ParameterValue": value} for name, value in parameters.items()],
            Capabilities=["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"])
    stack = cloudformation.describe_stacks(StackName=stack_name)["Stacks"][0]
    if stack["StackStatus"] != "CREATE_COMPLETE":
        raise RuntimeError(f"stack {stack_name} is {stack['StackStatus']}: {stack.get('StackStatusReason')}")
    summaries = cloudformation.get_paginator("list_stack_resources").paginate(StackName=stack_name)
    return {resource["LogicalResourceId"]: {"type": resource["ResourceType"],
                                            "physicalId": resource["PhysicalResourceId"]}
            for page in summaries for resource in page["StackResourceSummaries"]}


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
