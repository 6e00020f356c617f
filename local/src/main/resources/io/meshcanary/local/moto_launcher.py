# Runs moto's server, and exits when the supervisor that started it is gone: the supervisor holds this process's
# standard input open, so end-of-file means it exited, even when it was killed and ran no shutdown hook.
import os
import sys
import threading


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


def put_composite_alarm():
    """STANDS IN FOR AWS: moto 5.2.5 has no PutCompositeAlarm handler and answers HTTP 500, though its alarms keep an
    AlarmRule, DescribeAlarms lists those as CompositeAlarms and SetAlarmState sets their state. Its PutMetricAlarm
    handler reads AlarmName and AlarmRule (moto reuses it for composite alarms), so PutCompositeAlarm goes there."""
    CloudWatchResponse.put_composite_alarm = CloudWatchResponse.put_metric_alarm


put_composite_alarm()
main(sys.argv[1:])
