package io.meshcanary.local.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.aws.EcsPauseHooks;
import io.meshcanary.nativemode.PauseHook;
import io.meshcanary.rollout.HistoryEntry;
import io.meshcanary.rollout.Rollout;
import io.meshcanary.spec.CanarySpec;
import io.meshcanary.timeline.RolloutTimeline;
import io.meshcanary.timeline.Timeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.DeploymentStrategy;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentBrief;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;

/**
 * The native demo's story, which {@code local/bin/demo --mode native} prints and a headless test asserts: the shop's
 * service, deployed by ECS LINEAR in steps of 10% behind its ALB rule or on Service Connect, is onboarded in the
 * native mode (meshcanary's pause hook on the service, no twin). v2 is healthy: every pause is answered CONTINUE and
 * ECS finishes on v2. v3's error rate is over the check's: the pause after the first analysis is answered ROLLBACK
 * and ECS puts the traffic and the service back. The weights printed are those ECS's service deployment shows; the
 * scenario only deploys and reports the error rate, as a team's pipeline and app would.
 */
public final class NativeScenario {

    /** Where the service's traffic steps are applied, as {@code --router} names it. */
    public enum Network {
        ALB("alb"), SERVICE_CONNECT("service-connect");

        public final String type;

        Network(String type) {
            this.type = type;
        }

        public static Network ofType(String type) {
            for (Network network : values()) {
                if (network.type.equals(type)) {
                    return network;
                }
            }
            throw new IllegalArgumentException("--mode native runs behind alb or service-connect, not " + type);
        }
    }

    /** The spec's holds, on LINEAR 10%'s grid; the other stops are answered CONTINUE once the alarms are clear. */
    public static final List<Integer> HOLDS = List.of(10, 30, 100);
    private static final int INTERVAL_SECONDS = 2;
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Pattern ANSWER = Pattern.compile("ECS's pause at (\\d+)% answered (CONTINUE|ROLLBACK)(.*)");
    private static final Set<ServiceDeploymentStatus> ENDED = Set.of(ServiceDeploymentStatus.SUCCESSFUL,
            ServiceDeploymentStatus.STOPPED, ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL,
            ServiceDeploymentStatus.ROLLBACK_FAILED);

    private final DemoShop shop;
    private final Network network;
    private final Path repository;
    private final String table;
    private final Timeline timeline;

    public NativeScenario(DemoShop shop, Network network, Path repository, String table, Timeline timeline) {
        this.shop = shop;
        this.network = network;
        this.repository = repository;
        this.table = table;
        this.timeline = timeline;
    }

    /** Creates and onboards the service on v1, then releases v2 and v3 and returns how each went. */
    public List<NativeRun> run() throws InterruptedException {
        String v1 = shop.registerRevision("orders:1.0");
        shop.createService(v1, reachedThrough().andThen(request -> request.deploymentConfiguration(deployments ->
                deployments.strategy(DeploymentStrategy.LINEAR).bakeTimeInMinutes(1)
                        .linearConfiguration(linear -> linear.stepPercent(10.0).stepBakeTimeInMinutes(1)))));
        waitFor(() -> !shop.aws.ecs.listTasks(request -> request.cluster(shop.cluster).serviceName(shop.app)
                .desiredStatus(DesiredStatus.RUNNING)).taskArns().isEmpty(), "v1 running");
        ObjectNode spec = spec();
        shop.onboard(spec, DemoScenario.SPEC_PREFIX);
        PauseHook hook = PauseHook.of(CanarySpec.parse(spec.toString()));
        new EcsPauseHooks(shop.aws.ecs).install(shop.cluster, shop.app, hook);
        timeline.say("onboarded in the native mode: ECS LINEAR 10%, meshcanary's pause hook before each traffic step"
                + " (%d minutes, then %s); holds at %s, error rate checked every %ds, alarm %s".formatted(
                hook.timeoutMinutes(), PauseHook.TIMEOUT_ACTION, HOLDS, INTERVAL_SECONDS, shop.alarm));

        shop.reportErrorRate(0.2);
        NativeRun healthy = release("v2", "healthy", "orders:1.1");
        shop.reportErrorRate(5.0);
        NativeRun failing = release("v3", "error rate 5%, over the check's 1%", "orders:1.2");
        return List.of(healthy, failing);
    }

    /** v2 promoted by ECS on the new revision, v3 rolled back by ECS with the service back on v2. */
    public static boolean wentAsExpected(List<NativeRun> runs) {
        return runs.size() == 2
                && runs.get(0).phase().equals("SUCCEEDED") && runs.get(0).deploymentStatus().equals("SUCCESSFUL")
                && runs.get(0).serviceTaskDefinition().equals(runs.get(0).taskDefinition())
                && runs.get(1).phase().equals("FAILED")
                && runs.get(1).deploymentStatus().equals("ROLLBACK_SUCCESSFUL")
                && runs.get(1).serviceTaskDefinition().equals(runs.get(0).taskDefinition());
    }

    /** Behind the ALB, blue is the rule's target group and green a second one ECS moves the rule's weight to. */
    private Consumer<CreateServiceRequest.Builder> reachedThrough() {
        if (network == Network.SERVICE_CONNECT) {
            return request -> request.serviceConnectConfiguration(connect -> connect.enabled(true)
                    .namespace(shop.namespace).services(service -> service.portName("http")
                            .clientAliases(alias -> alias.port(8080))));
        }
        LoadBalancer balancer = new AlbRule(shop).nativeLoadBalancer();
        return request -> request.loadBalancers(balancer);
    }

    /** The native example: holds on the grid, the alarm and the error rate checked, no manual gate. */
    private ObjectNode spec() {
        try {
            ObjectMapper json = new ObjectMapper();
            ObjectNode spec = (ObjectNode) json.readTree(repository.resolve("examples/orders-native.canary.json")
                    .toFile());
            spec.remove("gates");
            spec.put("intervalSeconds", INTERVAL_SECONDS);
            ObjectNode analysis = spec.withObjectProperty("analysis");
            analysis.put("threshold", 1).putArray("alarms").add(shop.alarm);
            analysis.putArray("metrics").add(json.readTree("""
                    {"name": "error-rate",
                     "queries": [{"id": "rate", "metric": {"namespace": "Shop/Orders", "metricName": "ErrorRate",
                                  "dimensions": {"VirtualNode": "%s-canary"}, "stat": "Average"}}],
                     "max": 1.0, "minSamples": 1, "periodSeconds": 60, "windowSeconds": 600}""".formatted(shop.app)));
            return spec;
        } catch (IOException e) {
            throw new UncheckedIOException("read the native example spec", e);
        }
    }

    /**
     * Deploys {@code image} and follows the release until both the rollout record and ECS's deployment have ended:
     * each of meshcanary's answers as the record notes it, then each weight ECS applies as its deployment shows it.
     */
    private NativeRun release(String label, String title, String image) throws InterruptedException {
        String taskDefinition = shop.registerRevision(image);
        timeline.say("%n== %s %s: %s".formatted(label, title, RolloutTimeline.shortName(taskDefinition)));
        shop.deploy(taskDefinition);
        List<String> answers = new ArrayList<>();
        List<Integer> weights = new ArrayList<>();
        Optional<Rollout> record = Optional.empty();
        Optional<ServiceDeployment> deployment = Optional.empty();
        int notesSeen = 0;
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && !ended(record, deployment)) {
            record = shop.rollout(table).filter(found -> found.canaryTaskDefinition().equals(taskDefinition));
            List<HistoryEntry> history = record.map(Rollout::history).orElse(List.of());
            for (HistoryEntry entry : history.subList(notesSeen, history.size())) {
                Matcher answer = ANSWER.matcher(entry.note());
                if (answer.matches()) {
                    answers.add(answer.group(1) + "% " + answer.group(2));
                    timeline.event(label, "%-12s ECS waits at %s%%: ContinueServiceDeployment %s%s".formatted("PAUSE",
                            answer.group(1), answer.group(2), answer.group(3)));
                } else if (entry.phase().terminal()) {
                    timeline.event(label, "%-12s %s".formatted(entry.phase(), entry.note()));
                }
            }
            notesSeen = history.size();
            deployment = deploymentOf(taskDefinition);
            deployment.ifPresent(found -> {
                int green = (int) Math.round(found.targetServiceRevision().requestedProductionTrafficWeight());
                if (weights.isEmpty() || weights.getLast() != green) {
                    weights.add(green);
                    timeline.event(label, "%-12s blue %d%% | green %d%% (%s)".formatted("ECS WEIGHTS", 100 - green,
                            green, found.statusAsString()));
                }
            });
            Thread.sleep(POLL);
        }
        String serviceTaskDefinition = shop.service(shop.app).orElseThrow().taskDefinition();
        String status = deployment.map(ServiceDeployment::statusAsString).orElse("none");
        timeline.event(label, "%-12s %s; the service runs %s".formatted("ECS", status,
                RolloutTimeline.shortName(serviceTaskDefinition)));
        return new NativeRun(label, taskDefinition, record.filter(found -> found.phase().terminal())
                .map(found -> found.phase().name()).orElse("TIMED OUT"), status, answers, weights,
                serviceTaskDefinition);
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting for " + what);
            }
            Thread.sleep(POLL);
        }
    }

    private static boolean ended(Optional<Rollout> record, Optional<ServiceDeployment> deployment) {
        return record.filter(found -> found.phase().terminal()).isPresent()
                && deployment.filter(found -> ENDED.contains(found.status())).isPresent();
    }

    /** ECS's service deployment to {@code taskDefinition}: the newest of the service's, once it targets it. */
    private Optional<ServiceDeployment> deploymentOf(String taskDefinition) {
        Optional<ServiceDeploymentBrief> newest = shop.aws.ecs.listServiceDeployments(request -> request
                        .cluster(shop.cluster).service(shop.app)).serviceDeployments().stream()
                .max(Comparator.comparing(ServiceDeploymentBrief::createdAt));
        return newest.map(brief -> shop.aws.ecs.describeServiceDeployments(request -> request
                        .serviceDeploymentArns(brief.serviceDeploymentArn())).serviceDeployments().getFirst())
                .filter(found -> taskDefinition.equals(shop.aws.ecs.describeServiceRevisions(request -> request
                        .serviceRevisionArns(found.targetServiceRevision().arn())).serviceRevisions().getFirst()
                        .taskDefinition()));
    }
}
