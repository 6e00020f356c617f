package io.meshcanary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.local.StackResources;
import io.meshcanary.local.ecssim.TaskEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.appmesh.AppMeshClient;
import software.amazon.awssdk.services.appmesh.model.WeightedTarget;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * How the stack's cost grows with the services it manages, in the local runtime: one cluster, one Cloud Map
 * namespace and one mesh, as a platform team has them, with services onboarded in two equal batches (100 and 100 by
 * default, SCALE_SERVICES in all). Each service runs a task, registered in its Cloud Map service by ECS's own service
 * discovery, before its spec is stored, as when the stack is deployed onto a running cluster. After each batch it
 * reports the wall time of two resyncs in a row and their AWS calls per service checked (a resync that ran out of
 * time says so and how far it got), the node registry's AWS calls for one task event of a service it has not seen,
 * and the rollout table's reads per resync. Run it with bench/run scale, which starts the runtime.
 */
public final class ScaleBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPEC_PREFIX = "/meshcanary";
    private static final Duration SETTLE = Duration.ofMinutes(10);

    private final Path repository;
    private final Path functionLog;
    private final String id = UUID.randomUUID().toString().substring(0, 6);
    private final String cluster = "shop-scale-" + id;
    private final String mesh = "mesh-scale-" + id;
    private final String namespace = "scale-" + id + ".local";
    private final EcsClient ecs = EcsClient.create();
    private final ServiceDiscoveryClient cloudMap = ServiceDiscoveryClient.create();
    private final AppMeshClient appMesh = AppMeshClient.create();
    private final SsmClient ssm = SsmClient.create();
    /** Waits out the resync's own timeout (120 s), and never retries: a retried invocation would run it twice. */
    private final LambdaClient lambda = LambdaClient.builder()
            .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(3)).build())
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    private final String namespaceId;
    private final String taskDefinition;
    private final String subnet;
    private final String securityGroup;
    private final List<String> apps = new ArrayList<>();

    private ScaleBench(Path repository, Path functionLog) {
        this.repository = repository;
        this.functionLog = functionLog;
        ecs.createCluster(request -> request.clusterName(cluster));
        cloudMap.createHttpNamespace(request -> request.name(namespace));
        namespaceId = cloudMap.listNamespacesPaginator(request -> { }).stream()
                .flatMap(page -> page.namespaces().stream())
                .filter(candidate -> candidate.name().equals(namespace)).findFirst().orElseThrow().id();
        appMesh.createMesh(request -> request.meshName(mesh));
        taskDefinition = ecs.registerTaskDefinition(request -> request.family("scale-" + id)
                .networkMode(NetworkMode.AWSVPC).requiresCompatibilities(Compatibility.FARGATE).cpu("256").memory("512")
                .containerDefinitions(container -> container.name("orders").image("orders:1").essential(true)
                        .memory(512).portMappings(port -> port.containerPort(8080))))
                .taskDefinition().taskDefinitionArn();
        try (Ec2Client ec2 = Ec2Client.create()) {
            subnet = ec2.describeSubnets().subnets().getFirst().subnetId();
            securityGroup = ec2.describeSecurityGroups(request -> request.filters(filter -> filter.name("group-name")
                    .values("default"))).securityGroups().getFirst().groupId();
        }
    }

    public static void main(String[] args) throws Exception {
        Path repository = Path.of(args[0]);
        int total = Integer.parseInt(System.getenv().getOrDefault("SCALE_SERVICES", "200"));
        Path functionLog = Path.of(System.getenv("MESHCANARY_RUNTIME_DIR")).resolve("functions.log");
        ScaleBench bench = new ScaleBench(repository, functionLog);
        System.out.printf("| services | first resync | calls / service | second resync | calls / service"
                + " | table reads / resync | registry calls / task event |%n|---|---|---|---|---|---|---|%n");
        bench.batch(total / 2);
        bench.batch(total - total / 2);
    }

    private void batch(int count) throws Exception {
        List<String> added = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String app = "svc-%03d".formatted(apps.size() + i);
            createService(app);
            added.add(app);
        }
        // A service's first deployment must find it not onboarded, or the trigger would start its bootstrap.
        awaitLines(line -> "deployment handled".equals(line.path("message").asText())
                && added.stream().anyMatch(app -> line.path("ecsService").asText().endsWith("/" + app)), count);
        awaitRunning(added);
        added.forEach(this::onboard);
        apps.addAll(added);
        Calls first = invoke(StackResources.ref("ResyncFunction"), Files.readString(
                repository.resolve("events/scheduled-resync.json")));
        Calls second = invoke(StackResources.ref("ResyncFunction"), Files.readString(
                repository.resolve("events/scheduled-resync.json")));
        String newest = added.getLast();
        Task task = ecs.describeTasks(request -> request.cluster(cluster).tasks(ecs.listTasks(list -> list
                .cluster(cluster).serviceName(newest)).taskArns())).tasks().getFirst();
        Calls registry = invoke(StackResources.ref("NodeRegistryFunction"),
                new TaskEvents(repository.resolve("events")).running(task).toString());
        System.out.printf("| %d | %s | %.1f | %s | %.1f | %d | %d |%n", apps.size(), first.time(),
                first.total() / (double) Math.max(1, first.servicesChecked()), second.time(),
                second.total() / (double) Math.max(1, second.servicesChecked()), second.tableReads(), registry.total());
        System.out.printf("  second resync by operation: %s%n  registry by operation: %s%n", second.byOperation(),
                registry.byOperation());
    }

    private void createService(String app) {
        String serviceId = cloudMap.createService(request -> request.name(app).namespaceId(namespaceId)).service()
                .id();
        appMesh.createVirtualRouter(request -> request.meshName(mesh).virtualRouterName(app)
                .spec(spec -> spec.listeners(listener -> listener.portMapping(port -> port.port(8080)
                        .protocol("http")))));
        appMesh.createRoute(request -> request.meshName(mesh).virtualRouterName(app).routeName(app)
                .spec(spec -> spec.httpRoute(route -> route.match(match -> match.prefix("/" + app))
                        .action(action -> action.weightedTargets(WeightedTarget.builder()
                                .virtualNode(app + "-primary").weight(100).build())))));
        ecs.createService(request -> request.cluster(cluster).serviceName(app).taskDefinition(taskDefinition)
                .desiredCount(1).launchType(LaunchType.FARGATE).networkConfiguration(network -> network
                        .awsvpcConfiguration(vpc -> vpc.subnets(subnet).securityGroups(securityGroup)))
                .serviceRegistries(registry -> registry.registryArn("arn:aws:servicediscovery:us-east-1:"
                        + "123456789012:service/" + serviceId)));
    }

    private void onboard(String app) {
        try {
            ObjectNode spec = (ObjectNode) JSON.readTree(repository.resolve("examples/orders.canary.json").toFile());
            ObjectNode router = (ObjectNode) spec.get("router");
            router.put("mesh", mesh).put("virtualRouter", app).put("route", app);
            ((ObjectNode) router.get("cloudMap")).put("namespace", namespace).put("service", app);
            ssm.putParameter(request -> request.name(SPEC_PREFIX + "/" + cluster + "/" + app).type("String")
                    .overwrite(true).value(spec.toString()));
        } catch (IOException e) {
            throw new IllegalStateException("read the example spec", e);
        }
    }

    private void awaitRunning(List<String> added) throws InterruptedException {
        Instant deadline = Instant.now().plus(SETTLE);
        for (String app : added) {
            while (ecs.listTasks(request -> request.cluster(cluster).serviceName(app)).taskArns().isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("no task of " + app + " within " + SETTLE);
                }
                Thread.sleep(500);
            }
        }
    }

    private void awaitLines(Predicate<JsonNode> matching, int count) throws Exception {
        Instant deadline = Instant.now().plus(SETTLE);
        while (lines(0).stream().filter(matching).count() < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("fewer than %d matching log lines within %s".formatted(count, SETTLE));
            }
            Thread.sleep(1000);
        }
    }

    /** Invokes the function synchronously and counts the AWS calls its invocation made (the log names its thread). */
    private Calls invoke(String function, String event) throws IOException {
        long logStart = Files.size(functionLog);
        long start = System.nanoTime();
        InvokeResponse response = lambda.invoke(request -> request.functionName(function)
                .payload(SdkBytes.fromUtf8String(event)));
        long millis = (System.nanoTime() - start) / 1_000_000;
        String outcome = response.functionError() == null ? "ok"
                : JSON.readTree(response.payload().asUtf8String()).path("errorType").asText();
        String requestId = response.sdkHttpResponse().firstMatchingHeader("x-amzn-RequestId").orElseThrow();
        Map<String, Integer> calls = new TreeMap<>();
        for (JsonNode line : lines(logStart)) {
            if (line.path("type").asText().equals("local.awsCall")
                    && line.path("thread").asText().equals("invocation-" + requestId)) {
                calls.merge(line.path("service").asText() + "." + line.path("operation").asText(), 1, Integer::sum);
            }
        }
        return new Calls(millis, outcome, calls);
    }

    private List<JsonNode> lines(long from) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        String log = Files.readString(functionLog);
        for (String line : log.substring((int) Math.min(from, log.length())).lines().toList()) {
            if (line.startsWith("{")) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    /** @param outcome "ok", or the invocation's error type (Sandbox.Timedout when it ran out of time) */
    private record Calls(long millis, String outcome, Map<String, Integer> byOperation) {

        /** Each onboarded service's registrations are listed once: the services the invocation got to. */
        int servicesChecked() {
            return byOperation.getOrDefault("ServiceDiscovery.ListInstances", 0);
        }

        String time() {
            return "%.1f s%s".formatted(millis / 1000.0, outcome.equals("ok") ? ""
                    : " (%s after %d services)".formatted(outcome, servicesChecked()));
        }

        int total() {
            return byOperation.values().stream().mapToInt(Integer::intValue).sum();
        }

        int tableReads() {
            return byOperation.entrySet().stream()
                    .filter(entry -> entry.getKey().matches("DynamoDb\\.(GetItem|Scan|Query|BatchGetItem)"))
                    .mapToInt(Map.Entry::getValue).sum();
        }
    }
}
