package io.meshcanary.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.aws.DynamoRolloutStore;
import io.meshcanary.local.RepositoryFiles;
import io.meshcanary.local.bus.BusEntries;
import io.meshcanary.local.ecssim.EcsControlPlane;
import io.meshcanary.rollout.Rollout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.appmesh.AppMeshClient;
import software.amazon.awssdk.services.appmesh.model.RouteSpec;
import software.amazon.awssdk.services.appmesh.model.VirtualNodeRef;
import software.amazon.awssdk.services.appmesh.model.WeightedTarget;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.InstanceSummary;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.vpclattice.VpcLatticeClient;

/**
 * An app as a platform team has it before onboarding, created in whatever AWS endpoint {@code AWS_ENDPOINT_URL}
 * names: an ECS cluster, a Cloud Map service, a mesh whose route has a match, retries, a timeout and a priority of
 * its own, and an alarm. Each instance has names of its own, so several can share one endpoint. The demo and the
 * emulator tests both stand on it.
 */
public final class DemoShop {

    private static final ObjectMapper JSON = new ObjectMapper();

    public final String cluster;
    public final String app;
    public final String mesh;
    public final String namespace;
    public final String alarm;
    public final String cloudMapServiceId;
    final Clients aws = new Clients();
    private final String subnet;
    private final String securityGroup;

    /** @param suffix makes the names unique, e.g. {@code orders-<suffix>} */
    public DemoShop(String suffix) {
        cluster = "shop-" + suffix;
        app = "orders-" + suffix;
        mesh = "mesh-" + suffix;
        namespace = "shop-" + suffix + ".local";
        alarm = "orders-5xx-" + suffix;
        aws.ecs.createCluster(request -> request.clusterName(cluster));
        aws.cloudMap.createHttpNamespace(request -> request.name(namespace));
        String namespaceId = aws.cloudMap.listNamespacesPaginator(request -> { }).stream()
                .flatMap(page -> page.namespaces().stream())
                .filter(candidate -> candidate.name().equals(namespace))
                .findFirst().orElseThrow().id();
        cloudMapServiceId = aws.cloudMap.createService(request -> request.name(app).namespaceId(namespaceId))
                .service().id();
        aws.appMesh.createMesh(request -> request.meshName(mesh));
        aws.appMesh.createVirtualRouter(request -> request.meshName(mesh).virtualRouterName(app)
                .spec(spec -> spec.listeners(listener -> listener.portMapping(port -> port.port(8080)
                        .protocol("http")))));
        aws.appMesh.createRoute(request -> request.meshName(mesh).virtualRouterName(app).routeName(app)
                .spec(teamRoute()));
        aws.cloudWatch.putMetricAlarm(request -> request.alarmName(alarm).namespace("Shop/Orders")
                .metricName("5xx").statistic("Sum").period(60).evaluationPeriods(1).threshold(1.0)
                .comparisonOperator("GreaterThanOrEqualToThreshold"));
        setAlarm(StateValue.OK, "healthy");
        subnet = aws.ec2.describeSubnets().subnets().getFirst().subnetId();
        securityGroup = aws.ec2.describeSecurityGroups(request -> request.filters(filter -> filter.name("group-name")
                .values("default"))).securityGroups().getFirst().groupId();
    }

    /** The team's own route: only the primary node's weight is meshcanary's; the rest must survive rollouts. */
    private RouteSpec teamRoute() {
        return RouteSpec.builder().priority(7).httpRoute(route -> route
                        .match(match -> match.prefix("/orders").headers(header -> header.name("x-tenant")
                                .match(value -> value.exact("acme"))))
                        .retryPolicy(retry -> retry.maxRetries(3L).httpRetryEvents("server-error", "gateway-error")
                                .perRetryTimeout(timeout -> timeout.unit("ms").value(2000L)))
                        .timeout(timeout -> timeout.perRequest(duration -> duration.unit("s").value(15L)))
                        .action(action -> action.weightedTargets(
                                WeightedTarget.builder().virtualNode(app + "-primary").weight(100).build())))
                .build();
    }

    /**
     * The example spec (examples/orders.canary.json) in this shop's names, with {@code intervalSeconds} between
     * steps, this shop's alarm, and an error-rate check the caller steers with {@link #reportErrorRate}.
     */
    public ObjectNode spec(Path repository, int intervalSeconds) {
        try {
            ObjectNode spec = (ObjectNode) JSON.readTree(repository.resolve("examples/orders.canary.json").toFile());
            ObjectNode router = (ObjectNode) spec.get("router");
            router.put("mesh", mesh).put("virtualRouter", app).put("route", app);
            ((ObjectNode) router.get("cloudMap")).put("namespace", namespace).put("service", app);
            spec.put("intervalSeconds", intervalSeconds);
            ObjectNode analysis = (ObjectNode) spec.get("analysis");
            analysis.putArray("alarms").add(alarm);
            analysis.putArray("metrics").add(JSON.readTree("""
                    {"name": "error-rate",
                     "queries": [{"id": "rate", "metric": {"namespace": "Shop/Orders", "metricName": "ErrorRate",
                                  "dimensions": {"VirtualNode": "{{virtualNode}}"}, "stat": "Average"}}],
                     "max": 1.0, "minSamples": 1, "periodSeconds": 60, "windowSeconds": 600}"""));
            analysis.put("threshold", 2).put("inconclusiveAsFailureAfter", 1);
            ((ObjectNode) spec.get("timeouts")).put("capacitySeconds", 60).put("promotionSeconds", 60);
            return spec;
        } catch (IOException e) {
            throw new UncheckedIOException("read the example spec", e);
        }
    }

    /** Onboards the app: its spec goes where the stack looks for it. */
    public void onboard(JsonNode spec, String specPrefix) {
        aws.ssm.putParameter(request -> request.name(specPrefix + "/" + cluster + "/" + app)
                .type("String").overwrite(true).value(spec.toString()));
    }

    /** The canary's error rate as its virtual node reports it, a minute ago. */
    public void reportErrorRate(double percent) {
        aws.cloudWatch.putMetricData(request -> request.namespace("Shop/Orders").metricData(datum -> datum
                .metricName("ErrorRate").value(percent).timestamp(Instant.now().minusSeconds(60))
                .dimensions(dimension -> dimension.name("VirtualNode").value(app + "-canary"))));
    }

    public void setAlarm(StateValue state, String reason) {
        aws.cloudWatch.setAlarmState(request -> request.alarmName(alarm).stateValue(state).stateReason(reason));
    }

    /**
     * What CloudWatch does when the alarm's metric crosses its threshold: the alarm goes to ALARM and its state change
     * event reaches the default bus. The emulator does neither by itself (it never evaluates alarms, and sends no
     * event for SetAlarmState), so both are done here, the event built from the sample in {@code events}.
     *
     * @return the id the bus gave the event
     */
    public String fireAlarm(Path events, String reason) {
        setAlarm(StateValue.ALARM, reason);
        ObjectNode event = alarmEvent(events, alarm, aws.cloudWatch.describeAlarms(request -> request.alarmNames(alarm))
                .metricAlarms().getFirst().alarmArn(), StateValue.ALARM);
        ((ObjectNode) event.at("/detail/state")).put("reason", reason).put("timestamp", Instant.now().toString());
        return BusEntries.put(aws.events, event);
    }

    /**
     * CloudWatch's event for the move of the alarm {@code alarm} ({@code arn}) to {@code state}: the sample for an
     * OK or an ALARM transition in {@code events}, renamed.
     */
    public static ObjectNode alarmEvent(Path events, String alarm, String arn, StateValue state) {
        String sample = state == StateValue.OK ? "alarm-state-change-ok.json" : "alarm-state-change-alarm.json";
        ObjectNode event = RepositoryFiles.sampleEvent(events, sample);
        ((ObjectNode) event.get("detail")).put("alarmName", alarm);
        event.putArray("resources").add(arn);
        return event;
    }

    public String registerRevision(String image) {
        return registerRevision(image, Map.of());
    }

    /**
     * A revision whose essential container exits with {@code exitCode} a moment after each start, so that its tasks
     * crash-loop in the ECS simulator ({@link EcsControlPlane#EXIT_CODE_LABEL}).
     */
    public String registerCrashingRevision(String image, int exitCode) {
        return registerRevision(image, Map.of(EcsControlPlane.EXIT_CODE_LABEL, Integer.toString(exitCode)));
    }

    /** A revision whose container carries {@code dockerLabels}, read by the ECS simulator and the playground. */
    String registerRevision(String image, Map<String, String> dockerLabels) {
        return aws.ecs.registerTaskDefinition(request -> request.family(app)
                        .networkMode(NetworkMode.AWSVPC)
                        .requiresCompatibilities(Compatibility.FARGATE)
                        .cpu("256").memory("512")
                        .containerDefinitions(container -> container.name("orders").image(image).essential(true)
                                .memory(512).portMappings(port -> port.containerPort(8080))
                                .dockerLabels(dockerLabels)))
                .taskDefinition().taskDefinitionArn();
    }

    /**
     * A task started by hand in a service's group, as ECS starts the service's own: the ECS simulator leaves it alone,
     * and no event announces it unless the caller puts one on the bus.
     */
    public Task runTask(String serviceName, String taskDefinition) {
        return aws.ecs.runTask(request -> request.cluster(cluster).taskDefinition(taskDefinition)
                        .launchType(LaunchType.FARGATE).group("service:" + serviceName).count(1)
                        .networkConfiguration(network()))
                .tasks().getFirst();
    }

    /** Cloud Map instances of the app, by instance id, with their attributes. */
    public Map<String, Map<String, String>> instances() {
        return aws.cloudMap.listInstancesPaginator(request -> request.serviceId(cloudMapServiceId)).stream()
                .flatMap(page -> page.instances().stream())
                .collect(Collectors.toMap(InstanceSummary::id, InstanceSummary::attributes));
    }

    /** The names of the mesh's virtual nodes. */
    public List<String> virtualNodes() {
        return aws.appMesh.listVirtualNodesPaginator(request -> request.meshName(mesh)).virtualNodes().stream()
                .map(VirtualNodeRef::virtualNodeName)
                .toList();
    }

    /** The team's own service, the canary track. */
    public void createService(String taskDefinition) {
        createService(taskDefinition, List.of());
    }

    /** The team's own service, attached to the load balancer target groups it is reached through. */
    public void createService(String taskDefinition, List<LoadBalancer> loadBalancers) {
        createService(taskDefinition, request -> request.loadBalancers(loadBalancers));
    }

    /** The team's own service, reached through what {@code attachment} sets (load balancers, Lattice groups). */
    public void createService(String taskDefinition, Consumer<CreateServiceRequest.Builder> attachment) {
        aws.ecs.createService(request -> attachment.accept(request.cluster(cluster).serviceName(app)
                .taskDefinition(taskDefinition).desiredCount(1).launchType(LaunchType.FARGATE)
                .networkConfiguration(network())));
    }

    /** The awsvpc network the shop's tasks run in: the default VPC's first subnet and its default group. */
    public NetworkConfiguration network() {
        return NetworkConfiguration.builder().awsvpcConfiguration(vpc -> vpc.subnets(subnet)
                .securityGroups(securityGroup)).build();
    }

    /** What a CI/CD pipeline does: point the service at a new task definition. */
    public void deploy(String taskDefinition) {
        aws.ecs.updateService(request -> request.cluster(cluster).service(app).taskDefinition(taskDefinition));
    }

    public Optional<Service> service(String name) {
        return aws.ecs.describeServices(request -> request.cluster(cluster).services(name)).services().stream()
                .filter(service -> "ACTIVE".equals(service.status()))
                .findFirst();
    }

    /**
     * The usual route before onboarding: all of it to the team's own virtual node, named as the app, which finds
     * the app's tasks in its Cloud Map service (whatever their track), on the port {@code port} of that node.
     */
    public void routeToTeamNode(int port) {
        aws.appMesh.createVirtualNode(request -> request.meshName(mesh).virtualNodeName(app).spec(spec -> spec
                .listeners(listener -> listener.portMapping(mapping -> mapping.port(8080).protocol("http")))
                .serviceDiscovery(discovery -> discovery.awsCloudMap(cloudMap -> cloudMap.namespaceName(namespace)
                        .serviceName(app).attributes(List.of())))));
        RouteSpec route = route();
        aws.appMesh.updateRoute(request -> request.meshName(mesh).virtualRouterName(app).routeName(app)
                .spec(route.toBuilder().httpRoute(route.httpRoute().toBuilder().action(action -> action
                        .weightedTargets(WeightedTarget.builder().virtualNode(app).weight(100).port(port).build()))
                        .build()).build()));
    }

    public RouteSpec route() {
        return aws.appMesh.describeRoute(request -> request.meshName(mesh).virtualRouterName(app).routeName(app))
                .route().spec();
    }

    /** The canary's share of the two tracks' weights on the route, as a router reads it. */
    public int canaryWeight() {
        Map<String, Integer> weights = new HashMap<>();
        route().httpRoute().action().weightedTargets()
                .forEach(target -> weights.put(target.virtualNode(), target.weight()));
        int primary = weights.getOrDefault(app + "-primary", 0);
        int canary = weights.getOrDefault(app + "-canary", 0);
        return Math.round(100f * canary / (primary + canary));
    }

    /** The rollout record, as the rollout table holds it. */
    public Optional<JsonNode> record(String table) {
        Map<String, AttributeValue> item = aws.dynamo.getItem(request -> request.tableName(table)
                .key(Map.of("service", AttributeValue.fromS(cluster + "/" + app)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(item.get("record").s()));
        } catch (IOException e) {
            throw new UncheckedIOException("read the rollout record of " + app, e);
        }
    }

    /** The rollout record as the product's own store reads it. */
    public Optional<Rollout> rollout(String table) {
        return new DynamoRolloutStore(aws.dynamo, table).find(Rollout.key(cluster, app));
    }

    /** Clients of the endpoint {@code AWS_ENDPOINT_URL} names, which the SDK reads itself. */
    static final class Clients {
        final SdkHttpClient http = UrlConnectionHttpClient.create();
        final Region region = Region.of(System.getenv().getOrDefault("AWS_REGION", "us-east-1"));
        final EcsClient ecs = EcsClient.builder().region(region).httpClient(http).build();
        final Ec2Client ec2 = Ec2Client.builder().region(region).httpClient(http).build();
        final ServiceDiscoveryClient cloudMap = ServiceDiscoveryClient.builder().region(region)
                .httpClient(http).build();
        final AppMeshClient appMesh = AppMeshClient.builder().region(region).httpClient(http).build();
        final SsmClient ssm = SsmClient.builder().region(region).httpClient(http).build();
        final CloudWatchClient cloudWatch = CloudWatchClient.builder().region(region).httpClient(http)
                .build();
        final DynamoDbClient dynamo = DynamoDbClient.builder().region(region).httpClient(http).build();
        final EventBridgeClient events = EventBridgeClient.builder().region(region).httpClient(http)
                .build();
        final ElasticLoadBalancingV2Client elb = ElasticLoadBalancingV2Client.builder().region(region)
                .httpClient(http).build();
        // UpdateRule is a PATCH, which the url-connection client cannot send; the functions use Apache for it too.
        final VpcLatticeClient lattice = VpcLatticeClient.builder().region(region)
                .httpClient(ApacheHttpClient.create()).build();
    }
}
