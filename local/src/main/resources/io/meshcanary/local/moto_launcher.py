# Runs moto's server, and exits when the supervisor that started it is gone: the supervisor holds this process's
# standard input open, so end-of-file means it exited, even when it was killed and ran no shutdown hook.
import hashlib
import json
import os
import sys
import threading
import types
import uuid
from urllib.parse import unquote


def exit_when_supervisor_exits():
    while sys.stdin.buffer.read(256):
        pass
    os._exit(0)


threading.Thread(target=exit_when_supervisor_exits, daemon=True).start()

from moto.server import main  # noqa: E402 - the watchdog must run even if the import is slow or fails
from moto.cloudwatch.responses import CloudWatchResponse  # noqa: E402
from moto.servicediscovery.models import ServiceDiscoveryBackend  # noqa: E402


def register_instance_as_upsert():
    """Cloud Map's RegisterInstance replaces an instance of the same id; moto 5.2.5 appends a second one, so
    two concurrent registrations of one task would leave a ghost behind its deregistration. Make moto do what
    AWS does."""
    append = ServiceDiscoveryBackend.register_instance

    def upsert(self, service_id, instance_id, creator_request_id, attributes):
        service = self.get_service(service_id)
        service.instances = [kept for kept in service.instances if kept.instance_id != instance_id]
        return append(self, service_id, instance_id, creator_request_id, attributes)

    ServiceDiscoveryBackend.register_instance = upsert


register_instance_as_upsert()


def ssm_paths_paged_by_name():
    """STANDS IN FOR AWS: GetParametersByPath's NextToken (SSM API reference) is the token "to use when requesting the
    next set of items": the listing goes on where its last page ended. moto 5.2.5 makes it an offset into the listing
    as it is now, so a parameter deleted from an earlier page shifts the rest and the next page skips one it never
    showed: the CLI, which finds an app by listing every spec, missed one while other apps were offboarded. Here the
    token is the name of the last parameter a page returned, and the next page starts after it, in name order."""
    from moto.ssm.models import SimpleSystemManagerBackend
    listing = SimpleSystemManagerBackend.get_parameters_by_path

    def paged_by_name(self, path, recursive, filters=None, next_token=None, max_results=10):
        listing(self, path, recursive, filters, None, max_results)  # moto's own checks of MaxResults and the filters
        prefix = path.rstrip("/") + "/"
        names = sorted(name for name in self._parameters.get_keys_beginning_with(prefix, recursive)
                       if next_token is None or name > next_token)
        page = []
        for name in names:
            parameter = self.get_parameter(name)
            if self._match_filters(parameter, filters):
                page.append(parameter)
                if len(page) == max_results:
                    break
        return page, page[-1].name if len(page) == max_results else None

    SimpleSystemManagerBackend.get_parameters_by_path = paged_by_name


ssm_paths_paged_by_name()


# --- Stands in for AWS: VPC Lattice listener rules (GetRule, UpdateRule, the default rule) ---------------------------
# moto 5.2.5 creates rules but cannot read or update them, and a listener has no default rule. What follows does what
# the VPC Lattice API reference documents for the calls the vpc-lattice router makes; nothing else of Lattice changes.

from moto.vpclattice.exceptions import ResourceNotFoundException, ValidationException  # noqa: E402
import moto.vpclattice.models as models_module  # noqa: E402
from moto.core.exceptions import JsonRESTError  # noqa: E402
from moto.vpclattice.models import VPCLatticeBackend, VPCLatticeRule, VPCLatticeService  # noqa: E402
from moto.vpclattice.responses import VPCLatticeResponse  # noqa: E402

LATTICE_MAX_WEIGHT = 999
LATTICE_PRIORITIES = range(1, 101)


class LatticeConflict(JsonRESTError):
    code = 409

    def __init__(self, message):
        super().__init__("ConflictException", message)


def lattice_id(identifier):
    """An ID stays an ID; an ARN (arn:...:service/svc-1/listener/listener-2/rule/rule-3) becomes its last part."""
    return (identifier or "").rsplit("/", 1)[-1]


def lattice_rules():
    create_listener = VPCLatticeBackend.create_listener
    create_rule = VPCLatticeBackend.create_rule

    def with_default_rule(self, service_identifier, name, protocol, port, default_action, client_token, tags):
        # Every listener has a default rule, evaluated last, whose action is the listener's defaultAction.
        listener = create_listener(self, service_identifier, name, protocol, port, default_action, client_token, tags)
        rule = VPCLatticeRule(self.region_name, self.account_id, default_action, client_token, listener.id, {},
                              "default", None, listener.service_identifier, {})
        rule.is_default = True
        rule.listener_identifier = listener.id
        rule.arn = f"{listener.arn}/rule/{rule.id}"
        self.rules[rule.id] = rule
        return listener

    def rule_of_listener(self, service_identifier, listener_identifier, name, **kwargs):
        # moto keeps the listener identifier as given (ID or ARN) and prefixes it once more in the ARN.
        listener = self.get_listener(lattice_id(service_identifier), lattice_id(listener_identifier))
        rule = create_rule(self, listener_identifier=listener.id, name=name,
                           service_identifier=listener.service_identifier, **kwargs)
        rule.is_default = False
        rule.arn = f"{listener.arn}/rule/{rule.id}"
        return rule

    def get_rule(self, service_identifier, listener_identifier, rule_identifier):
        listener = self.get_listener(lattice_id(service_identifier), lattice_id(listener_identifier))
        rule = self.rules.get(lattice_id(rule_identifier))
        if rule is None or lattice_id(rule.listener_identifier) != listener.id:
            raise ResourceNotFoundException(f"Rule {rule_identifier} not found in listener {listener_identifier}")
        return rule

    def update_rule(self, service_identifier, listener_identifier, rule_identifier, action, match, priority):
        rule = self.get_rule(service_identifier, listener_identifier, rule_identifier)
        if getattr(rule, "is_default", False):
            raise ValidationException("You can't modify a default listener rule; use UpdateListener instead")
        if priority is not None and priority not in LATTICE_PRIORITIES:
            raise ValidationException(f"priority {priority} is not between 1 and 100")
        for group in ((action or {}).get("forward") or {}).get("targetGroups", []):
            weight = group.get("weight", 1)
            if not 0 <= weight <= LATTICE_MAX_WEIGHT:
                raise ValidationException(f"weight {weight} of target group {group.get('targetGroupIdentifier')}"
                                          f" is not between 0 and {LATTICE_MAX_WEIGHT}")
        rule.action = action if action is not None else rule.action
        rule.match = match if match is not None else rule.match
        rule.priority = priority if priority is not None else rule.priority
        return rule

    def rule_body(rule):
        body = rule.to_dict()
        body.pop("serviceIdentifier", None)
        body.pop("listenerIdentifier", None)
        body.pop("tags", None)
        body["isDefault"] = getattr(rule, "is_default", False)
        if body["priority"] is None:
            body.pop("priority")
        if not body["match"]:
            body.pop("match")
        return json.dumps(body)

    def get_rule_response(self):
        return rule_body(self.backend.get_rule(self._get_param("serviceIdentifier"),
                                               self._get_param("listenerIdentifier"),
                                               self._get_param("ruleIdentifier")))

    def update_rule_response(self):
        return rule_body(self.backend.update_rule(self._get_param("serviceIdentifier"),
                                                  self._get_param("listenerIdentifier"),
                                                  self._get_param("ruleIdentifier"), self._get_param("action"),
                                                  self._get_param("match"), self._get_param("priority")))

    def list_rules_response(self):
        listener = self.backend.get_listener(lattice_id(self._get_param("serviceIdentifier")),
                                             lattice_id(self._get_param("listenerIdentifier")))
        rules = [rule for rule in self.backend.rules.values() if lattice_id(rule.listener_identifier) == listener.id]
        return json.dumps({"items": [json.loads(rule_body(rule)) for rule in rules]})

    def named_service(self, auth_type, certificate_arn, client_token, custom_domain_name, name, tags):
        # A service name is unique in an account. Its ID is derived from the name, so that the local stack's
        # LatticeServiceId (runtime.properties) can name the suite's Lattice service before a test creates it, as an
        # account's stack names a service that exists already.
        if any(service.name == name for service in self.services.values()):
            raise LatticeConflict(f"a service named {name} exists already")
        service_id = "svc-" + hashlib.sha256(name.encode()).hexdigest()[:17]
        service = VPCLatticeService(self.region_name, self.account_id, auth_type, certificate_arn, client_token,
                                    custom_domain_name, name, tags)
        service.id = service_id
        service.arn = f"arn:aws:vpc-lattice:{self.region_name}:{self.account_id}:service/{service_id}"
        self.services[service_id] = service
        self.tag_resource(service.arn, tags or {})
        return service

    # IDs as AWS shapes them (svc-, listener-, rule-, tg- and 17 characters of [0-9a-z]); moto cuts a UUID with its
    # hyphens, which the template's LatticeServiceId pattern and the API's identifier patterns refuse.
    models_module.uuid = types.SimpleNamespace(uuid4=lambda: uuid.uuid4().hex)
    VPCLatticeBackend.create_service = named_service
    VPCLatticeBackend.create_listener = with_default_rule
    VPCLatticeBackend.create_rule = rule_of_listener
    VPCLatticeBackend.get_rule = get_rule
    VPCLatticeBackend.update_rule = update_rule
    VPCLatticeResponse.get_rule = get_rule_response
    VPCLatticeResponse.update_rule = update_rule_response
    VPCLatticeResponse.list_rules = list_rules_response


lattice_rules()



# --- Stands in for AWS: VPC Lattice targets (RegisterTargets, DeregisterTargets, ListTargets, DeleteTargetGroup) ----
# moto 5.2.5 keeps no targets in a Lattice target group and cannot delete one. As the VPC Lattice API reference
# documents: a target is its id and port (the group's port when none is given); ListTargets answers each with its
# status; DeleteTargetGroup refuses a group that a listener rule still forwards to. A registered target reports
# HEALTHY at once: the ECS simulator registers a task only once its health checks would pass, as ELB's stand-in does.

def lattice_targets():
    targets = {}

    def group_of(backend, path):
        # /targetgroups/{targetGroupIdentifier}/<verb>; the identifier may be an ID or an ARN.
        identifier = lattice_id(unquote(path).split("/targetgroups/", 1)[1].rsplit("/", 1)[0])
        return backend.get_target_group(identifier)

    def keyed(group, target):
        return target["id"], target.get("port") or group.config.get("port")

    def changing(registered):
        """RegisterTargets (registered true) or DeregisterTargets: every target of the request, each answered."""
        def change(self):
            group = group_of(self.backend, self.path)
            kept = targets.setdefault(group.id, {})
            done = []
            for target in self._get_param("targets") or []:
                key = keyed(group, target)
                if registered:
                    kept[key] = "HEALTHY"
                else:
                    kept.pop(key, None)
                done.append({"id": key[0], "port": key[1]})
            return json.dumps({"successful": done, "unsuccessful": []})
        return change

    def list_targets(self):
        group = group_of(self.backend, self.path)
        items = [{"id": key[0], "port": key[1], "status": status}
                 for key, status in targets.get(group.id, {}).items()]
        return json.dumps({"items": items})

    def delete_target_group(self):
        identifier = lattice_id(unquote(self.path).rstrip("/").rsplit("/", 1)[-1])
        group = self.backend.get_target_group(identifier)
        for rule in self.backend.rules.values():
            forwarded = (((rule.action or {}).get("forward") or {}).get("targetGroups") or [])
            if any(lattice_id(target.get("targetGroupIdentifier")) == group.id for target in forwarded):
                raise LatticeConflict(f"target group {group.id} is in use by rule {rule.id}")
        del self.backend.target_groups[group.id]
        targets.pop(group.id, None)
        return json.dumps({"id": group.id, "arn": group.arn, "status": "DELETE_IN_PROGRESS"})

    VPCLatticeResponse.register_targets = changing(True)
    VPCLatticeResponse.deregister_targets = changing(False)
    VPCLatticeResponse.list_targets = list_targets
    VPCLatticeResponse.delete_target_group = delete_target_group


lattice_targets()

# --- Stands in for AWS: ECS services' vpcLatticeConfigurations, serviceConnectConfiguration, deploymentConfiguration --
# moto 5.2.5 drops the first two, and CreateService drops the third (UpdateService keeps it). ECS keeps the first two
# on the service's deployments (the PRIMARY one is current; Deployment in the ECS API reference) and the third on the
# service, and CreateService and UpdateService set them; so does this.

from moto.ecs.responses import EC2ContainerServiceResponse  # noqa: E402

DEPLOYMENT_SETTINGS = ("vpcLatticeConfigurations", "serviceConnectConfiguration")


def ecs_deployment_settings():
    create_service = EC2ContainerServiceResponse.create_service
    update_service = EC2ContainerServiceResponse.update_service

    def keeping(write):
        def call(self):
            result = write(self)
            settings = {name: self._get_param(name) for name in DEPLOYMENT_SETTINGS
                        if self._get_param(name) is not None}
            service = self.ecs_backend._get_service(self._get_param("cluster", "default"),
                                                    self._get_param("serviceName") or self._get_param("service"))
            for deployment in service.deployments:
                deployment.update(settings)
            if self._get_param("deploymentConfiguration") is not None:
                service.deployment_configuration = self._get_param("deploymentConfiguration")
            return result
        return call

    EC2ContainerServiceResponse.create_service = keeping(create_service)
    EC2ContainerServiceResponse.update_service = keeping(update_service)


ecs_deployment_settings()


def list_clusters_left_active():
    """STANDS IN FOR AWS: ECS's DeleteCluster (API reference) turns a cluster INACTIVE; an INACTIVE cluster "might
    remain discoverable" for a while, and AWS advises not to rely on it. DescribeClusters still answers it INACTIVE here,
    but ListClusters answers the active clusters only: moto 5.2.5 lists every cluster ever made, so whatever lists
    clusters (the ECS simulator, each pass) would pay for every cluster deleted before."""
    from moto.ecs.models import EC2ContainerServiceBackend

    def active_clusters(self):
        return [cluster.arn for cluster in self.clusters.values() if cluster.status != "INACTIVE"]

    EC2ContainerServiceBackend.list_clusters = active_clusters


list_clusters_left_active()


def ecs_service_arn_fixed_at_creation():
    """STANDS IN FOR AWS: a service's ARN keeps the format it was created with. The ECS API reference's
    PutAccountSetting: the ARN and resource ID format of a resource is defined by the opt-in status of the user or role
    that created it. moto 5.2.5 builds a service's ARN on every read from the account's serviceLongArnFormat at that
    moment, so a test that turned the format off for a service of its own renamed every other service meanwhile, and
    the ECS simulator, which knows a service's tasks by its ARN, started a second set of them, which it never
    stopped."""
    from moto.ecs.models import Service

    built = Service.arn.fget
    init = Service.__init__

    def created(self, *args, **kwargs):
        init(self, *args, **kwargs)
        self.arn_at_creation = built(self)

    Service.__init__ = created
    Service.arn = property(lambda self: self.arn_at_creation)


ecs_service_arn_fixed_at_creation()


def ecs_services_drain():
    """STANDS IN FOR AWS: a deleted ECS service drains. The ECS API reference's DeleteService: a service deleted while
    tasks still need cleanup goes from ACTIVE to DRAINING, and to INACTIVE once all its tasks have stopped; "If you
    attempt to create a new service with the same name as an existing service in either ACTIVE or DRAINING status, you
    receive an error" (an InvalidParameterException, which teams report as "Unable to Start a service that is still
    Draining."). UpdateService's errors (same reference): ServiceNotActiveException, "You can't update a service that's
    inactive". A DRAINING service "is no longer visible ... in the ListServices API operation" (DeleteService), nor
    is an INACTIVE one. moto 5.2.5 turns a deleted service INACTIVE at once, lets the name be created again, updates
    it and lists it. The ECS simulator stops a deleted service's tasks after their targets' deregistration delay, as
    ECS does; the last stop turns the service INACTIVE here."""
    from moto.ecs.exceptions import ECSException, InvalidParameterException
    from moto.ecs.models import EC2ContainerServiceBackend

    class ServiceNotActiveException(ECSException):
        code = "ServiceNotActiveException"

    delete_service = EC2ContainerServiceBackend.delete_service
    create_service = EC2ContainerServiceBackend.create_service
    update_service = EC2ContainerServiceBackend.update_service
    stop_task = EC2ContainerServiceBackend.stop_task
    list_services = EC2ContainerServiceBackend.list_services

    def tasks_left(backend, cluster_name, service_name):
        return [task for task in backend.tasks.get(cluster_name, {}).values()
                if task.group == "service:" + service_name and task.last_status != "STOPPED"]

    def existing(backend, cluster_str, service_name):
        cluster = backend._get_cluster(cluster_str)
        return backend.services.get(f"{cluster.name}:{service_name.split('/')[-1]}")

    def deleting(self, cluster_name, service_name, force):
        service = delete_service(self, cluster_name, service_name, force)
        if tasks_left(self, service.cluster_name, service.name):
            service.status = "DRAINING"
        return service

    def creating(self, cluster_str, service_name, *args, **kwargs):
        service = existing(self, cluster_str, service_name)
        if service is not None and service.status == "DRAINING":
            raise InvalidParameterException("Unable to Start a service that is still Draining.")
        return create_service(self, cluster_str, service_name, *args, **kwargs)

    def updating(self, service_properties):
        service = existing(self, service_properties.get("cluster", "default"), service_properties["service"])
        if service is not None and service.status != "ACTIVE":
            raise ServiceNotActiveException("Service was not ACTIVE.")
        return update_service(self, service_properties)

    def stopping(self, cluster_str, task_str, reason):
        task = stop_task(self, cluster_str, task_str, reason)
        service = existing(self, cluster_str, task.group.removeprefix("service:"))
        if service is not None and service.status == "DRAINING" \
                and not tasks_left(self, service.cluster_name, service.name):
            service.status = "INACTIVE"
        return task

    def listing_active(self, cluster_str, *args, **kwargs):
        cluster = self._get_cluster(cluster_str)
        active = {service.arn for service in self.services.values()
                  if service.cluster_name == cluster.name and service.status == "ACTIVE"}
        return [arn for arn in list_services(self, cluster_str, *args, **kwargs) if arn in active]

    EC2ContainerServiceBackend.delete_service = deleting
    EC2ContainerServiceBackend.list_services = listing_active
    EC2ContainerServiceBackend.create_service = creating
    EC2ContainerServiceBackend.update_service = updating
    EC2ContainerServiceBackend.stop_task = stopping


ecs_services_drain()


def put_composite_alarm():
    """STANDS IN FOR AWS: moto 5.2.5 has no PutCompositeAlarm handler and answers HTTP 500, though its alarms keep an
    AlarmRule, DescribeAlarms lists those as CompositeAlarms and SetAlarmState sets their state. Its PutMetricAlarm
    handler reads AlarmName and AlarmRule (moto reuses it for composite alarms), so PutCompositeAlarm goes there."""
    CloudWatchResponse.put_composite_alarm = CloudWatchResponse.put_metric_alarm


put_composite_alarm()

def metric_math_data():
    """STANDS IN FOR AWS: GetMetricData with metric math, in metric_math.py beside this launcher."""
    import metric_math
    from moto.cloudwatch.exceptions import ValidationError
    from moto.cloudwatch.models import CloudWatchBackend, MetricDatum

    def get_metric_data(self, queries, start_time, end_time, scan_by="TimestampAscending"):
        def datapoints(namespace, name, dimensions, unit):
            return [(datum.timestamp, datum.value) for datum in self.get_all_metrics()
                    if isinstance(datum, MetricDatum) and (datum.namespace, datum.name) == (namespace, name)
                    and {each.name: each.value for each in datum.dimensions} == dimensions
                    and unit in (None, datum.unit)]
        try:
            results = metric_math.get_metric_data(queries, start_time, end_time, datapoints)
        except metric_math.MetricMathError as refused:
            raise ValidationError(str(refused))
        if scan_by == "TimestampDescending":
            for result in results:
                result["timestamps"].reverse()
                result["values"].reverse()
        return results

    CloudWatchBackend.get_metric_data = get_metric_data


metric_math_data()

import aws_limits  # noqa: E402,F401 - documented length limits moto does not check
import alb_rules  # noqa: E402,F401 - ALB's ModifyRule refusals and OIDC client secrets
import cfn_types  # noqa: E402,F401 - the resource types of SAM's output that moto's CloudFormation lacks
import moto_speed  # noqa: E402,F401 - work moto repeats on every request, done once
main(sys.argv[1:])
