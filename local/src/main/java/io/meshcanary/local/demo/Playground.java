package io.meshcanary.local.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.aws.DynamoRolloutStore;
import io.meshcanary.local.RepositoryFiles;
import io.meshcanary.local.StackResources;
import io.meshcanary.local.demo.AlbTraffic.Answers;
import io.meshcanary.rollout.Phase;
import io.meshcanary.rollout.Rollout;
import io.meshcanary.timeline.RolloutTimeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * {@code local/bin/playground}: the demo's shop behind an ALB, left running for a person to operate with
 * {@code bin/meshcanary}. {@code run} onboards the app, bootstraps v1 and then sends the users' traffic through the
 * rule for as long as the playground lives, each revision answering as it was released; {@code deploy N BEHAVIOUR}
 * releases revision N as a CI pipeline would (a new task definition on the team's service) and returns once its
 * rollout has started. The script checks the arguments; this class trusts them.
 */
public final class Playground {

    /** Written once v1 is bootstrapped: the playground's names, and the sign that it is ready. */
    static final String STATE_FILE = "playground.json";
    /** Long enough to read a step and type a command; short enough that a rollout takes a minute. */
    static final int INTERVAL_SECONDS = 10;
    /** How a revision answers, carried by its task definition as a team's build would carry a version. */
    static final String BEHAVIOUR_LABEL = "meshcanary.playground/behaviour";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration POLL = Duration.ofMillis(500);

    /** How a released revision answers its share of the traffic. */
    enum Behaviour {
        HEALTHY(Answers.HEALTHY, "answers well"),
        FAILING(new Answers(0.2, Answers.HEALTHY.seconds()), "answers 20% of its requests with a 5xx"),
        SLOW(new Answers(0, 0.8), "takes 0.8 s a request, over the check's p99 limit of 0.5 s");

        final Answers answers;
        final String description;

        Behaviour(Answers answers, String description) {
            this.answers = answers;
            this.description = description;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private Playground() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path stateDir = Path.of(System.getenv("MESHCANARY_RUNTIME_DIR"));
        if (args[0].equals("run")) {
            run(stateDir);
        } else {
            deploy(stateDir, Integer.parseInt(args[1]), Behaviour.valueOf(args[2].toUpperCase(Locale.ROOT)));
        }
    }

    /** Sets the shop up, bootstraps v1, then keeps the traffic going until the process is stopped. */
    private static void run(Path stateDir) throws InterruptedException {
        Path repository = RepositoryFiles.root();
        String table = StackResources.ref("RolloutTable");
        DemoShop shop = new DemoShop("play");
        AlbRule rule = new AlbRule(shop);
        ObjectNode spec = shop.spec(repository, INTERVAL_SECONDS);
        rule.route(spec);
        spec.putObject("gates").putObject("prePromotion").put("type", "manual");
        Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
        try (DemoTraffic traffic = rule.demoTraffic(spec, repository,
                group -> behaviourOf(shop, group.equals(rule.targetGroup) ? shop.app : shop.app + "-primary",
                        behaviours).answers)) {
            shop.onboard(spec, DemoScenario.SPEC_PREFIX);
            String v1 = shop.registerRevision("orders:1", Map.of(BEHAVIOUR_LABEL, Behaviour.HEALTHY.label()));
            rule.createService(v1);
            await(shop, table, record -> record.canaryTaskDefinition().equals(v1) && record.phase() == Phase.SUCCEEDED,
                    "the bootstrap of " + v1);
            write(stateDir.resolve(STATE_FILE), JSON.createObjectNode().put("cluster", shop.cluster)
                    .put("app", shop.app).put("revision", RolloutTimeline.shortName(v1)));
            System.out.printf("playground: %s bootstrapped on %s; traffic flows through the rule%n", shop.app,
                    RolloutTimeline.shortName(v1));
            Thread.currentThread().join();
        }
    }

    /** Releases revision {@code number} of the playground's app and waits until its rollout has started. */
    private static void deploy(Path stateDir, int number, Behaviour behaviour) throws InterruptedException {
        ObjectNode names = read(stateDir.resolve(STATE_FILE));
        String cluster = names.path("cluster").asText();
        String app = names.path("app").asText();
        DemoShop.Clients aws = new DemoShop.Clients();
        String current = aws.ecs.describeServices(request -> request.cluster(cluster).services(app)).services()
                .getFirst().taskDefinition();
        TaskDefinition team = aws.ecs.describeTaskDefinition(request -> request.taskDefinition(current))
                .taskDefinition();
        ContainerDefinition container = team.containerDefinitions().getFirst().toBuilder().image("orders:" + number)
                .dockerLabels(Map.of(BEHAVIOUR_LABEL, behaviour.label())).build();
        String released = aws.ecs.registerTaskDefinition(request -> request.family(team.family())
                        .networkMode(team.networkMode()).requiresCompatibilitiesWithStrings(
                                team.requiresCompatibilitiesAsStrings())
                        .cpu(team.cpu()).memory(team.memory()).containerDefinitions(container))
                .taskDefinition().taskDefinitionArn();
        aws.ecs.updateService(request -> request.cluster(cluster).service(app).taskDefinition(released));
        DynamoRolloutStore store = new DynamoRolloutStore(aws.dynamo, StackResources.ref("RolloutTable"));
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (store.find(Rollout.key(cluster, app)).filter(record -> record.canaryTaskDefinition().equals(released))
                .isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no rollout of %s started within %s".formatted(released,
                        START_TIMEOUT));
            }
            Thread.sleep(POLL);
        }
        System.out.printf("released %s (%s: it %s); its rollout has started%n  follow it: bin/meshcanary watch %s%n",
                RolloutTimeline.shortName(released), behaviour.label(), behaviour.description, app);
    }

    /** How the revision the service {@code service} runs answers; a revision's behaviour never changes. */
    private static Behaviour behaviourOf(DemoShop shop, String service, Map<String, Behaviour> behaviours) {
        return shop.service(service).map(found -> behaviours.computeIfAbsent(found.taskDefinition(),
                        revision -> Behaviour.valueOf(shop.aws.ecs.describeTaskDefinition(request -> request
                                        .taskDefinition(revision)).taskDefinition().containerDefinitions().getFirst()
                                .dockerLabels().getOrDefault(BEHAVIOUR_LABEL, Behaviour.HEALTHY.label())
                                .toUpperCase(Locale.ROOT))))
                .orElse(Behaviour.HEALTHY);
    }

    private static void await(DemoShop shop, String table, Predicate<Rollout> reached, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Optional<Rollout> record = shop.rollout(table);
        while (record.filter(reached).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("%s did not succeed within %s; the record: %s".formatted(what,
                        START_TIMEOUT, record.map(Rollout::phase).map(Phase::name).orElse("none")));
            }
            Thread.sleep(POLL);
            record = shop.rollout(table);
        }
    }

    private static void write(Path file, ObjectNode content) {
        try {
            Files.writeString(file, content.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("write " + file, e);
        }
    }

    private static ObjectNode read(Path file) {
        try {
            return (ObjectNode) JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("read " + file, e);
        }
    }
}
