package io.meshcanary.it;

import static io.meshcanary.it.Emulator.AWS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.appmesh.model.RouteSpec;
import software.amazon.awssdk.services.appmesh.model.WeightedTarget;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * An app as a platform team would have it before onboarding, in names of its own: an ECS cluster and task
 * definition, a Cloud Map service, and a mesh whose route already has a match, retries and a timeout of its own.
 * The local runtime's ECS simulator runs the tasks of whatever services the test creates.
 */
final class CanaryApp {

    private static final java.util.Set<String> ENDED = java.util.Set.of("SUCCEEDED", "FAILED", "SUPERSEDED");

    final String id = UUID.randomUUID().toString().substring(0, 8);
    final String cluster = "shop-" + id;
    final String app = "orders-" + id;
    final String mesh = "mesh-" + id;
    final String namespace = "shop-" + id + ".local";
    final String alarm = "orders-5xx-" + id;
    final String cloudMapServiceId;
    private final String subnet;
    private final String securityGroup;

    CanaryApp() {
        AWS.ecs.createCluster(request -> request.clusterName(cluster));
        AWS.cloudMap.createHttpNamespace(request -> request.name(namespace));
        String namespaceId = AWS.cloudMap.listNamespacesPaginator(request -> { }).stream()
                .flatMap(page -> page.namespaces().stream())
                .filter(candidate -> candidate.name().equals(namespace))
                .findFirst().orElseThrow().id();
        cloudMapServiceId = AWS.cloudMap.createService(request -> request.name(app).namespaceId(namespaceId))
                .service().id();
        AWS.appMesh.createMesh(request -> request.meshName(mesh));
        AWS.appMesh.createVirtualRouter(request -> request.meshName(mesh).virtualRouterName(app)
                .spec(spec -> spec.listeners(listener -> listener.portMapping(port -> port.port(8080)
                        .protocol("http")))));
        AWS.appMesh.createRoute(request -> request.meshName(mesh).virtualRouterName(app).routeName(app)
                .spec(ownRoute()));
        AWS.cloudWatch.putMetricAlarm(request -> request.alarmName(alarm).namespace("Shop/Orders")
                .metricName("5xx").statistic("Sum").period(60).evaluationPeriods(1).threshold(1.0)
                .comparisonOperator("GreaterThanOrEqualToThreshold"));
        AWS.cloudWatch.setAlarmState(request -> request.alarmName(alarm).stateValue(StateValue.OK)
                .stateReason("healthy"));
        subnet = AWS.ec2.describeSubnets().subnets().getFirst().subnetId();
        securityGroup = AWS.ec2.describeSecurityGroups(request -> request.filters(filter -> filter.name("group-name")
                .values("default"))).securityGroups().getFirst().groupId();
    }

    /** The team's own route: only the primary node's weight is meshcanary's; the rest must survive rollouts. */
    RouteSpec ownRoute() {
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

    /** The example spec in this app's names, with a one-second interval and checks the test can steer. */
    ObjectNode spec() {
        try {
            ObjectNode spec = (ObjectNode) SampleEvents.JSON.readTree(
                    SampleEvents.repositoryRoot().resolve("examples/orders.canary.json").toFile());
            ObjectNode router = (ObjectNode) spec.get("router");
            router.put("mesh", mesh).put("virtualRouter", app).put("route", app);
            ((ObjectNode) router.get("cloudMap")).put("namespace", namespace).put("service", app);
            spec.put("intervalSeconds", 1);
            ObjectNode analysis = (ObjectNode) spec.get("analysis");
            analysis.putArray("alarms").add(alarm);
            analysis.putArray("metrics").add(SampleEvents.JSON.readTree("""
                    {"name": "error-rate",
                     "queries": [{"id": "rate", "metric": {"namespace": "Shop/Orders", "metricName": "ErrorRate",
                                  "dimensions": {"VirtualNode": "{{virtualNode}}"}, "stat": "Average"}}],
                     "max": 1.0, "minSamples": 1, "periodSeconds": 60, "windowSeconds": 600}"""));
            analysis.put("threshold", 2).put("inconclusiveAsFailureAfter", 1);
            ((ObjectNode) spec.get("timeouts")).put("capacitySeconds", 60).put("promotionSeconds", 60);
            return spec;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void onboard(JsonNode spec) {
        AWS.ssm.putParameter(request -> request.name(Shop.SPEC_PREFIX + "/" + cluster + "/" + app)
                .type("String").overwrite(true).value(spec.toString()));
    }

    /** The canary's error rate as its virtual node reports it, a minute ago. */
    void reportErrorRate(double percent) {
        AWS.cloudWatch.putMetricData(request -> request.namespace("Shop/Orders").metricData(datum -> datum
                .metricName("ErrorRate").value(percent).timestamp(Instant.now().minusSeconds(60))
                .dimensions(dimension -> dimension.name("VirtualNode").value(app + "-canary"))));
    }

    String registerRevision(String image) {
        return AWS.ecs.registerTaskDefinition(request -> request.family(app)
                        .networkMode(NetworkMode.AWSVPC)
                        .requiresCompatibilities(Compatibility.FARGATE)
                        .cpu("256").memory("512")
                        .containerDefinitions(container -> container.name("orders").image(image).essential(true)
                                .memory(512).portMappings(port -> port.containerPort(8080))))
                .taskDefinition().taskDefinitionArn();
    }

    /** The team's own service, the canary track; the simulator starts its tasks and ECS's events follow. */
    void createService(String taskDefinition) {
        AWS.ecs.createService(request -> request.cluster(cluster).serviceName(app).taskDefinition(taskDefinition)
                .desiredCount(1).launchType(LaunchType.FARGATE)
                .networkConfiguration(network -> network.awsvpcConfiguration(vpc -> vpc.subnets(subnet)
                        .securityGroups(securityGroup))));
    }

    void deploy(String taskDefinition) {
        AWS.ecs.updateService(request -> request.cluster(cluster).service(app).taskDefinition(taskDefinition));
    }

    Optional<Service> service(String name) {
        return AWS.ecs.describeServices(request -> request.cluster(cluster).services(name)).services().stream()
                .filter(service -> "ACTIVE".equals(service.status()))
                .findFirst();
    }

    RouteSpec route() {
        return AWS.appMesh.describeRoute(request -> request.meshName(mesh).virtualRouterName(app).routeName(app))
                .route().spec();
    }

    /** The canary's share of the two tracks' weights on the route, as a router would read it. */
    int canaryWeight() {
        Map<String, Integer> weights = new java.util.HashMap<>();
        route().httpRoute().action().weightedTargets()
                .forEach(target -> weights.put(target.virtualNode(), target.weight()));
        int primary = weights.getOrDefault(app + "-primary", 0);
        int canary = weights.getOrDefault(app + "-canary", 0);
        return Math.round(100f * canary / (primary + canary));
    }

    /** The rollout record, as the rollout table holds it. */
    Optional<JsonNode> record() {
        Map<String, AttributeValue> item = AWS.dynamo.getItem(request -> request
                .tableName(StackResources.ref("RolloutTable"))
                .key(Map.of("service", AttributeValue.fromS(cluster + "/" + app)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(SampleEvents.JSON.readTree(item.get("record").s()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the rollout of {@code taskDefinition} to end, and checks it ended in {@code phase}. */
    JsonNode awaitRollout(String taskDefinition, String phase) {
        JsonNode record = Eventually.until(this::record, found -> found.isPresent()
                        && found.get().path("canaryTaskDefinition").asText().equals(taskDefinition)
                        && ENDED.contains(found.get().path("phase").asText()),
                "the rollout of %s to end".formatted(taskDefinition), Duration.ofSeconds(90))
                .orElseThrow();
        if (!record.path("phase").asText().equals(phase)) {
            throw new AssertionError("the rollout of %s ended %s, not %s: %s".formatted(taskDefinition,
                    record.path("phase").asText(), phase, record.path("history")));
        }
        return record;
    }
}
