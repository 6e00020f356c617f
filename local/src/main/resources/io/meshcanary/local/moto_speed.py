# --- Speed only: work moto 5.2.5 repeats on every request, done once ------------------------------------------------
# moto is one Python process, so the whole local runtime waits on its single core. Profiled with py-spy through three
# emulator test classes, most of that core went to work whose result never changes between requests: which backend a
# request's host names (a listing of moto's package folder and a scan of several hundred URL patterns, under a lock
# every request takes), ANTLR's parse of the state machine's definition at the start of every execution, a new boto3
# client for every Lambda invoke of a Task state, a new JSONPath parser for every path, and a log line for every
# request. Each is kept here after its first use. Nothing moto answers changes: the same functions run on the same
# inputs, and an invalid definition or path is refused as before (a failed first use is not kept).
# moto_launcher.py imports this module before the server starts.

import functools
import logging
import threading


def service_routing_remembered():
    """get_backend_for_host(host) depends on the host alone (moto's modules and URL patterns are fixed at start)."""
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication
    route = DomainDispatcherApplication.get_backend_for_host
    backends = {}

    def remembered(self, host):
        if host not in backends:
            backends[host] = route(self, host)
        return backends[host]

    DomainDispatcherApplication.get_backend_for_host = remembered


def definitions_parsed_once():
    """An execution parses its state machine's definition into a syntax tree (ANTLR) and then into the components it
    evaluates. The tree is kept by definition; the components, which an execution may change, are built anew from it
    for every execution, as before."""
    from moto.stepfunctions.parser.asl.parse.asl_parser import AmazonStateLanguageParser
    from moto.stepfunctions.parser.asl.parse.preprocessor import Preprocessor
    parse = AmazonStateLanguageParser.parse
    trees = {}

    def parsed_once(definition):
        tree = trees.get(definition)
        if tree is None:
            program, tree = parse(definition)
            trees[definition] = tree
            return program, tree
        return Preprocessor().visit(tree), tree

    AmazonStateLanguageParser.parse = staticmethod(parsed_once)


def lambda_clients_shared():
    """A Task state's Lambda invoke builds a new boto3 client (moto's boto_client_for) from fixed settings: moto's own
    endpoint, fixed keys, no retries, Step Functions' default timeouts. boto3 clients are thread-safe, so one client
    with those settings serves every execution; its pool holds as many connections as executions may invoke at once,
    where the default of ten would open and drop a connection for every invoke beyond ten."""
    import boto3
    from botocore.config import Config
    from moto.settings import moto_server_port
    from moto.stepfunctions.parser.asl.component.common.timeouts.timeout import TimeoutSeconds
    from moto.stepfunctions.parser.asl.component.state.exec.state_task import lambda_eval_utils
    clients = {}
    lock = threading.Lock()

    def shared(region, service, state_credentials=None):
        with lock:
            if (region, service) not in clients:
                clients[(region, service)] = boto3.client(
                    service_name=service, region_name=region, endpoint_url=f"http://localhost:{moto_server_port()}",
                    aws_access_key_id="ak", aws_secret_access_key="sk",
                    config=Config(parameter_validation=False, retries={"max_attempts": 0, "total_max_attempts": 1},
                                  connect_timeout=TimeoutSeconds.DEFAULT_TIMEOUT_SECONDS,
                                  read_timeout=TimeoutSeconds.DEFAULT_TIMEOUT_SECONDS, max_pool_connections=64))
            return clients[(region, service)]

    lambda_eval_utils.boto_client_for = shared


def json_paths_parsed_once():
    """jsonpath_ng builds its parser anew for every parse; a parsed path is immutable, so one parse per path serves.
    Step Functions' path evaluation and EventBridge's input transformer both parse through these names."""
    import jsonpath_ng.ext
    from moto.stepfunctions.parser.asl.utils import json_path
    parse = functools.lru_cache(maxsize=4096)(jsonpath_ng.ext.parse)
    jsonpath_ng.ext.parse = parse
    json_path.parse = parse


def request_lines_not_logged():
    """Werkzeug logs every request at INFO (a line that names no action); errors and tracebacks are WARNING and above,
    and still reach moto.log."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)


service_routing_remembered()
definitions_parsed_once()
lambda_clients_shared()
json_paths_parsed_once()
request_lines_not_logged()
