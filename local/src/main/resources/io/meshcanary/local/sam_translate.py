# Reads a SAM template as `sam deploy` does, for the local runtime:
#   python sam_translate.py TEMPLATE OUT_DIR
# writes OUT_DIR/decoded.json (the template with its short-form tags, !Ref, !Sub, !If..., decoded into their long
# form by cfn-lint's decoder, the one `cfn-lint` and `sam validate --lint` use) and OUT_DIR/translated.json (the plain
# CloudFormation that SAM's own translator makes of it: roles with the policy templates expanded, rules, aliases).
#   python sam_translate.py --decode TEMPLATE
# prints the decoded template only.
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


def main(argv):
    if argv[:1] == ["--decode"]:
        json.dump(decode(argv[1]), sys.stdout, indent=2)
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
