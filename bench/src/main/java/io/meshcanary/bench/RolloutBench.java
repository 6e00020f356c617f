package io.meshcanary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.aws.EcsPauseHooks;
import io.meshcanary.local.StackResources;
import io.meshcanary.local.demo.AlbRule;
import io.meshcanary.local.demo.DemoShop;
import io.meshcanary.local.demo.Router;
import io.meshcanary.local.demo.RouterFixture;
import io.meshcanary.local.ecssim.TaskEvents;
import io.meshcanary.nativemode.PauseHook;
import io.meshcanary.spec.CanarySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DeploymentStrategy;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * Measures, on each router the demo runs on, one bootstrap and one promoted 3-step rollout in the local runtime: state
 * transitions and Lambda invocations from the execution history, AWS calls by the functions from the function log;
 * then the same ALB rollout with a statistical judge, and what one judged step adds, and in the native mode; then the
 * node registry's warm invocation latency. Run it with bench/run, which starts the runtime.
 */
public final class RolloutBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WARM_INVOCATIONS = 100;
    /** Far longer than any measured rollout takes locally; past it, the bench says what it waited for and stops. */
    private static final Duration ROLLOUT_DEADLINE = Duration.ofMinutes(5);

    private RolloutBench() {
    }

    public static void main(String[] args) throws Exception {
        Path repository = Path.of(args[0]);
        Path state = Path.of(System.getenv("MESHCANARY_RUNTIME_DIR"));
        JsonNode resources = JSON.readTree(state.resolve("resources.json").toFile());
        String table = resources.at("/resources/RolloutTable/ref").asText();
        String machine = resources.at("/resources/CanaryStateMachine/ref").asText();
        Path functionLog = state.resolve("functions.log");

        Map<String, Measurement> measured = new LinkedHashMap<>();
        if ("native".equals(System.getenv("ROLLOUT_RUNS"))) {
            keep(measured, "alb native 3-step rollout", measureNative(repository, table, machine, functionLog));
            return;
        }
        DemoShop last = null;
        for (Router router : Router.values()) {
            last = measureRouter(router, "", spec -> { }, repository, table, machine, functionLog, measured);
        }
        measureRouter(Router.ALB, "judged ", RolloutBench::addJudge, repository, table, machine, functionLog,
                measured);
        measureRouter(Router.ALB, "equal-baseline judged ", RolloutBench::addEqualBaselineJudge, repository, table,
                machine, functionLog, measured);
        keep(measured, "alb native 3-step rollout", measureNative(repository, table, machine, functionLog));
        summary(measured);
        judgedStep(measured.get("alb 3-step rollout"), measured.get("alb judged 3-step rollout"));
        equalBaseline(measured.get("alb judged 3-step rollout"),
                measured.get("alb equal-baseline judged 3-step rollout"));
        warmLatency(last, repository);
    }

    /** A bootstrap and a promoted 3-step rollout of a new shop behind {@code router}, with its spec changed. */
    private static DemoShop measureRouter(Router router, String label, Consumer<ObjectNode> change, Path repository,
            String table, String machine, Path functionLog, Map<String, Measurement> measured) throws Exception {
        DemoShop shop = new DemoShop(UUID.randomUUID().toString().substring(0, 6));
        RouterFixture route = router.on(shop);
        ObjectNode spec = shop.spec(repository, 1);
        route.route(spec);
        spec.putObject("steps").putArray("weights").add(10).add(25).add(50);
        change.accept(spec);
        shop.onboard(spec, "/meshcanary");
        shop.reportErrorRate(0.2);

        String v1 = shop.registerRevision("orders:1");
        keep(measured, router.type + " " + label + "bootstrap", measure(shop, table, machine, functionLog, v1,
                () -> route.createService(v1)));
        String v2 = shop.registerRevision("orders:2");
        keep(measured, router.type + " " + label + "3-step rollout", measure(shop, table, machine, functionLog, v2,
                () -> shop.deploy(v2)));
        return shop;
    }

    /**
     * A promoted 3-step rollout in the native mode: the team's service behind the ALB rule, which ECS deploys LINEAR
     * 10% with meshcanary's pause hook; the spec holds at 10, 30 and 50 as the twin's holds at 10, 25 and 50, and
     * ECS's other pauses are answered on the way. It has no bootstrap: nothing is created.
     */
    private static Measurement measureNative(Path repository, String table, String machine, Path functionLog)
            throws Exception {
        DemoShop shop = new DemoShop(UUID.randomUUID().toString().substring(0, 6));
        AlbRule rule = (AlbRule) Router.ALB.on(shop);
        ObjectNode spec = (ObjectNode) JSON.readTree(repository.resolve("examples/orders-native.canary.json")
                .toFile());
        spec.put("intervalSeconds", 1).remove("gates");
        spec.putObject("steps").putArray("weights").add(10).add(30).add(50);
        spec.withObjectProperty("analysis").putArray("alarms").add(shop.alarm);
        try (ElasticLoadBalancingV2Client elb = ElasticLoadBalancingV2Client.create();
                EcsClient ecs = EcsClient.create()) {
            String vpc = elb.describeTargetGroups(request -> request.targetGroupArns(rule.targetGroup))
                    .targetGroups().getFirst().vpcId();
            String green = elb.createTargetGroup(request -> request.name("green-" + shop.app).protocol("HTTP")
                    .port(8080).vpcId(vpc).targetType("ip")).targetGroups().getFirst().targetGroupArn();
            LoadBalancer balancer = LoadBalancer.builder().targetGroupArn(rule.targetGroup).containerName("orders")
                    .containerPort(8080).advancedConfiguration(advanced -> advanced.alternateTargetGroupArn(green)
                            .productionListenerRule(rule.ruleArn)
                            .roleArn("arn:aws:iam::123456789012:role/ecs-infrastructure-shop"))
                    .build();
            shop.createService(shop.registerRevision("orders:1"), request -> request.loadBalancers(balancer)
                    .deploymentConfiguration(deployment -> deployment.strategy(DeploymentStrategy.LINEAR)
                            .linearConfiguration(linear -> linear.stepPercent(10.0).stepBakeTimeInMinutes(0))
                            .bakeTimeInMinutes(0)));
            // What onboard does: the spec stored, then meshcanary's pause hook on the service.
            shop.onboard(spec, "/meshcanary");
            new EcsPauseHooks(ecs).install(shop.cluster, shop.app, PauseHook.of(CanarySpec.parse(spec.toString())));
            // The emulator's runningCount stayed 0 while the ECS simulator ran the service's task (the first native
            // run waited here until stopped, and never deployed v2): the tasks are listed instead, as the demo does.
            while (ecs.listTasks(request -> request.cluster(shop.cluster).serviceName(shop.app)
                    .desiredStatus(DesiredStatus.RUNNING)).taskArns().isEmpty()) {
                Thread.sleep(200);
            }
        }
        String v2 = shop.registerRevision("orders:2");
        return measure(shop, table, machine, functionLog, v2, () -> shop.deploy(v2));
    }

    /**
     * A judge of two metrics, the load balancer's mean response time and 5xx count per target group, in dry run: it
     * reads and scores both tracks at every step as a deciding judge does, so it costs the same calls, and the
     * rollout promotes whatever the emulator's few datapoints say.
     */
    private static void addJudge(ObjectNode spec) {
        ObjectNode judge = spec.withObjectProperty("analysis").putObject("judge").put("periodSeconds", 1)
                .put("windowSeconds", 10).put("minSamples", 5).put("dryRun", true);
        ArrayNode metrics = judge.putArray("metrics");
        judgedMetric(metrics, "latency", "TargetResponseTime", "Average");
        judgedMetric(metrics, "errors", "HTTPCode_Target_5XX_Count", "Sum").put("nanStrategy", "replace");
    }

    /** The same judge against a baseline service of the primary's revision at the canary's size and weight. */
    private static void addEqualBaselineJudge(ObjectNode spec) {
        addJudge(spec);
        spec.withObjectProperty("analysis").withObjectProperty("judge").put("baseline", "equal");
    }

    private static ObjectNode judgedMetric(ArrayNode metrics, String name, String metricName, String stat) {
        ObjectNode metric = metrics.addObject().put("name", name);
        metric.putArray("queries").addObject().put("id", "m").putObject("metric").put("namespace",
                "AWS/ApplicationELB").put("metricName", metricName).put("stat", stat).putObject("dimensions")
                .put("LoadBalancer", "{{loadBalancer}}").put("TargetGroup", "{{targetGroup}}");
        return metric;
    }

    /** What one judged step adds: the same rollout with and without the judge, per step, by call. */
    private static void judgedStep(Measurement plain, Measurement judged) {
        Map<String, Integer> added = added(plain, judged);
        System.out.printf("%none judged step (a judge of 2 metrics on 2 tracks), the judged ALB rollout less the plain"
                + " one over its 3 steps: %s; transitions %+d, Lambda invocations %+d%n", added.entrySet().stream()
                .map(entry -> "%s %+.1f".formatted(entry.getKey(), entry.getValue() / 3.0))
                .collect(Collectors.joining(", ")), judged.transitions() - plain.transitions(),
                judged.invocations() - plain.invocations());
    }

    /** What an equal baseline adds to the whole judged rollout, by call. */
    private static void equalBaseline(Measurement judged, Measurement withBaseline) {
        System.out.printf("%nan equal baseline, the judged ALB rollout with one less the same without, over the whole"
                + " rollout: %s; transitions %+d, Lambda invocations %+d%n", added(judged, withBaseline).entrySet()
                .stream().map(entry -> "%s %+d".formatted(entry.getKey(), entry.getValue()))
                .collect(Collectors.joining(", ")), withBaseline.transitions() - judged.transitions(),
                withBaseline.invocations() - judged.invocations());
    }

    /** The calls {@code more} made beyond {@code less}'s, by call; fewer count negative. */
    private static Map<String, Integer> added(Measurement less, Measurement more) {
        Map<String, Integer> added = new TreeMap<>();
        more.calls().forEach((call, count) -> {
            int extra = count - less.calls().getOrDefault(call, 0);
            if (extra != 0) {
                added.put(call, extra);
            }
        });
        less.calls().keySet().stream().filter(call -> !more.calls().containsKey(call))
                .forEach(call -> added.put(call, -less.calls().get(call)));
        return added;
    }

    private static Measurement measure(DemoShop shop, String table, String machine, Path functionLog,
            String taskDefinition, Runnable start) throws Exception {
        long logStart = Files.size(functionLog);
        start.run();
        JsonNode record;
        Instant deadline = Instant.now().plus(ROLLOUT_DEADLINE);
        do {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("no rollout of %s ended within %s; the service's record: %s"
                        .formatted(taskDefinition, ROLLOUT_DEADLINE, shop.record(table).map(JsonNode::toString)
                                .orElse("none")));
            }
            Thread.sleep(200);
            record = shop.record(table).filter(found -> found.path("canaryTaskDefinition").asText()
                    .equals(taskDefinition) && !found.path("phase").asText().matches("INITIALIZING|PROGRESSING|"
                    + "PROMOTING|ABORTED|ROLLING_BACK")).orElse(null);
        } while (record == null);
        Thread.sleep(500);
        String execution = machine.replace(":stateMachine:", ":execution:") + ":" + record.path("execution").asText();
        List<HistoryEvent> history = new ArrayList<>();
        try (SfnClient sfn = SfnClient.create()) {
            sfn.getExecutionHistoryPaginator(request -> request.executionArn(execution)).events().forEach(history::add);
        }
        Map<String, Integer> calls = new TreeMap<>();
        String log = Files.readString(functionLog).substring((int) logStart);
        for (String line : log.lines().toList()) {
            if (line.contains("\"local.awsCall\"")) {
                JsonNode call = JSON.readTree(line);
                calls.merge(call.path("service").asText() + "." + call.path("operation").asText(), 1, Integer::sum);
            }
        }
        long transitions = history.stream().filter(event -> event.typeAsString().endsWith("StateEntered")).count();
        long invocations = history.stream().filter(event -> event.typeAsString().equals("TaskScheduled")
                || event.typeAsString().equals("LambdaFunctionScheduled")).count();
        return new Measurement(record.path("phase").asText(), transitions, invocations, calls,
                Duration.between(Instant.parse(record.at("/history/0/at").asText()),
                        Instant.parse(record.path("updatedAt").asText())).toMillis());
    }

    /** Keeps a measurement for the summary and prints it now: a later run that fails must not lose it. */
    private static void keep(Map<String, Measurement> measured, String label, Measurement measurement) {
        measured.put(label, measurement);
        report(label, measurement);
    }

    private static void report(String label, Measurement measurement) {
        System.out.printf("%n%s: %s in %.1f s%n", label, measurement.phase(), measurement.millis() / 1000.0);
        System.out.printf("  state transitions: %d, Lambda invocations: %d%n", measurement.transitions(),
                measurement.invocations());
        System.out.printf("  AWS calls by the functions: %d%n", measurement.total());
        measurement.calls().forEach((call, count) -> System.out.printf("    %-40s %d%n", call, count));
    }

    /** One line per router and run, the AWS calls summed by service. */
    private static void summary(Map<String, Measurement> measured) {
        System.out.printf("%n| %-26s | %-9s | %-11s | %-7s | %-9s | %s |%n", "router, run", "phase", "transitions",
                "Lambdas", "AWS calls", "by service");
        System.out.printf("|%s|%s|%s|%s|%s|%s|%n", "-".repeat(28), "-".repeat(11), "-".repeat(13), "-".repeat(9),
                "-".repeat(11), "-".repeat(12));
        measured.forEach((label, measurement) -> {
            Map<String, Integer> byService = new TreeMap<>();
            measurement.calls().forEach((call, count) -> byService.merge(call.substring(0, call.indexOf('.')), count,
                    Integer::sum));
            System.out.printf("| %-26s | %-9s | %11d | %7d | %9d | %s |%n", label, measurement.phase(),
                    measurement.transitions(), measurement.invocations(), measurement.total(), byService.entrySet()
                            .stream().map(entry -> entry.getKey() + " " + entry.getValue())
                            .collect(Collectors.joining(", ")));
        });
    }

    /** Re-delivers a RUNNING event of a registered task: the registry's steady path (read, compare, no write). */
    private static void warmLatency(DemoShop shop, Path repository) throws IOException {
        try (EcsClient ecs = EcsClient.create(); LambdaClient lambda = LambdaClient.create()) {
            String taskArn = ecs.listTasks(request -> request.cluster(shop.cluster)
                    .serviceName(shop.app + "-primary")).taskArns().stream().findFirst()
                    .orElseGet(() -> ecs.listTasks(request -> request.cluster(shop.cluster)).taskArns().getFirst());
            Task task = ecs.describeTasks(request -> request.cluster(shop.cluster).tasks(taskArn)).tasks().getFirst();
            SdkBytes event = SdkBytes.fromUtf8String(new TaskEvents(repository.resolve("events")).running(task)
                    .toString());
            String nodeRegistry = StackResources.ref("NodeRegistryFunction");
            long[] micros = new long[WARM_INVOCATIONS];
            for (int i = 0; i < WARM_INVOCATIONS; i++) {
                long start = System.nanoTime();
                lambda.invoke(request -> request.functionName(nodeRegistry).payload(event));
                micros[i] = (System.nanoTime() - start) / 1000;
            }
            Arrays.sort(micros);
            System.out.printf("%nnode registry, warm invocation through the local Lambda endpoint (%d calls): "
                    + "p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", WARM_INVOCATIONS, micros[WARM_INVOCATIONS / 2] / 1000.0,
                    micros[WARM_INVOCATIONS * 95 / 100] / 1000.0, micros[WARM_INVOCATIONS - 1] / 1000.0);
        }
    }

    private record Measurement(String phase, long transitions, long invocations, Map<String, Integer> calls,
            long millis) {

        int total() {
            return calls.values().stream().mapToInt(Integer::intValue).sum();
        }
    }
}
