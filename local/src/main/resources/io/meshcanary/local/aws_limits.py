# --- Stands in for AWS: the documented length limits moto 5.2.5 does not check ---------------------------------------
# Each limit below is one the product feeds names into. moto accepts any length here, so a name that AWS refuses would
# pass every local test; these refuse it as the service does, with the service's error code, and cite the page.
# moto_launcher.py imports this module, which patches moto's response handlers before the server starts.

from moto.appmesh.responses import AppMeshResponse
from moto.core.exceptions import JsonRESTError
from moto.ecs.exceptions import InvalidParameterException
from moto.ecs.responses import EC2ContainerServiceResponse
from moto.ssm.exceptions import ValidationException as SsmValidationException
from moto.ssm.responses import SimpleSystemManagerResponse
from moto.vpclattice.exceptions import ValidationException as LatticeValidationException
from moto.vpclattice.responses import VPCLatticeResponse


class AppMeshBadRequest(JsonRESTError):
    code = 400

    def __init__(self, message):
        super().__init__("BadRequestException", message)


def refusing(handler, check):
    """The handler, run only once check(response) has raised nothing."""
    def call(self):
        check(self)
        return handler(self)
    return call


def at_most(field, limit, error):
    """A check that the request's field, when given, has at most limit characters; error(message) is raised."""
    def check(response):
        value = response._get_param(field)
        if value is not None and len(value) > limit:
            raise error(f"{field} '{value}' is {len(value)} characters long; at most {limit} are allowed")
    return check


# ECS API reference, CreateService, clientToken: "Up to 36 ASCII characters in the range of 33-126 (inclusive)".
EC2ContainerServiceResponse.create_service = refusing(
    EC2ContainerServiceResponse.create_service, at_most("clientToken", 36, InvalidParameterException))

# App Mesh API reference, CreateVirtualNode, clientToken: "Up to 36 letters, numbers, hyphens, and underscores".
AppMeshResponse.create_virtual_node = refusing(
    AppMeshResponse.create_virtual_node, at_most("clientToken", 36, AppMeshBadRequest))

# VPC Lattice API reference, CreateTargetGroup: clientToken is 1-64 characters, name 3-128.
VPCLatticeResponse.create_target_group = refusing(
    refusing(VPCLatticeResponse.create_target_group, at_most("clientToken", 64, LatticeValidationException)),
    at_most("name", 128, LatticeValidationException))

# Systems Manager User Guide, "Managing parameter tiers": a Standard parameter's value holds at most 4 KB, an Advanced
# one 8 KB; Intelligent-Tiering stores a larger value as Advanced. The Standard tier is the default, and an Advanced
# parameter stays Advanced when it is overwritten.
PARAMETER_LIMITS = {"Standard": 4096, "Advanced": 8192, "Intelligent-Tiering": 8192}


def parameter_value_fits_tier(response):
    value = response._get_param("Value")
    tier = response._get_param("Tier")
    if tier is None:
        name, parameters = response._get_param("Name"), response.ssm_backend._parameters
        stored = parameters[name] if name in parameters else []
        tier = stored[-1].tier if stored and stored[-1].tier else "Standard"
    limit = PARAMETER_LIMITS.get(tier, 4096)
    if value is not None and len(value) > limit:
        raise SsmValidationException(
            f"{tier} tier parameters support a maximum parameter value of {limit} characters; this value has "
            f"{len(value)}. To create a larger parameter value, upgrade the parameter to use the advanced-parameter "
            "tier.")


SimpleSystemManagerResponse.put_parameter = refusing(SimpleSystemManagerResponse.put_parameter,
                                                      parameter_value_fits_tier)
