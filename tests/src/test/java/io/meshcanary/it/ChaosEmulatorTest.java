package io.meshcanary.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.local.ecssim.TaskEvents;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Chaos against the emulator. One stream of real-shaped events around a rollout at 10% (tasks of both tracks that
 * start, and some that stop again; a redelivered deployment; the rollout's alarm firing and a stranger's) is put on
 * the bus once in order, for one app; then, for each seed, for an app of its own, with duplicates, reordering and
 * about one event in ten dropped, followed by one resync. What is compared with the clean stream's app: the Cloud
 * Map registrations (by each task's role, track and revision) and the route's canary weight.
 *
 * <p>Each app costs a bootstrap and a rollout start, mostly spent waiting on the workflow, so the apps are set up
 * side by side, and only a handful of seeds run here; the unit-level ChaosConvergenceTest runs hundreds.
 */
class ChaosEmulatorTest {

    private static final double DROPPED = 0.1;
    /**
     * Longer than any app of this test lives, however long its set-up takes beside the other tests: the workflow makes
     * no step of its own meanwhile. The execution waiting it out is stopped when the class is over.
     */
    private static final int INTERVAL_SECONDS = 900;
    private static final TaskEvents EVENTS = new TaskEvents(SampleEvents.repositoryRoot().resolve("events"));

    /**
     * Between them these lose a RUNNING event (2, 18, 54), a STOPPED event (2, 18), the redelivered deployment (54)
     * and the rollout's alarm (10, 54); seed 3 loses nothing and only duplicates and reorders.
     */
    private static final long[] SEEDS = {2, 3, 10, 18, 54};
    private static final Map<Long, Scenario> PREPARED = new ConcurrentHashMap<>();

    private static Result clean;

    @BeforeAll
    static void setUpAppsThenDeliverTheCleanStream() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(SEEDS.length + 1);
        try {
            Future<Scenario> cleanApp = pool.submit(() -> Scenario.around(new CanaryApp()));
            Map<Long, Future<Scenario>> seeded = new LinkedHashMap<>();
            for (long seed : SEEDS) {
                seeded.put(seed, pool.submit(() -> Scenario.around(new CanaryApp())));
            }
            for (Map.Entry<Long, Future<Scenario>> app : seeded.entrySet()) {
                PREPARED.put(app.getKey(), app.getValue().get());
            }
            Scenario stream = cleanApp.get();
            stream.deliver(stream.events);
            clean = stream.result();
            assertThat(Functions.invoke("ResyncFunction", "{\"dryRun\": true, \"services\": [\"%s\"]}"
                    .formatted(stream.app.service())).result().path("drifts")).as("the clean stream leaves no drift")
                    .isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    static LongStream seeds() {
        return LongStream.of(SEEDS);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void chaoticDeliveryConvergesAfterOneResyncToTheCleanStreamsRegistrationsAndWeight(long seed) {
        Scenario stream = PREPARED.get(seed);
        Random random = new Random(seed);
        List<ObjectNode> delivered = new ArrayList<>();
        for (ObjectNode event : stream.events) {
            if (random.nextDouble() >= DROPPED) {
                for (int copies = 1 + random.nextInt(3); copies > 0; copies--) {
                    delivered.add(event);
                }
            }
        }
        Collections.shuffle(delivered, random);

        stream.deliver(delivered);
        Functions.invoke("ResyncFunction", "{\"services\": [\"%s\"]}".formatted(stream.app.service())).result();

        long lost = stream.events.stream().filter(event -> !delivered.contains(event)).count();
        assertThat(stream.result()).as("seed %d, %d of %d events lost", seed, lost, stream.events.size())
                .isEqualTo(clean);
    }

    /** What the two must agree on: each registration as "role track revision", sorted, and the canary's weight. */
    private record Result(List<String> registrations, int canaryWeight) {
    }

    /** The clean stream around one app's rollout, with the facts it tells already true in ECS and CloudWatch. */
    private static final class Scenario {

        private final CanaryApp app;
        private final Map<String, String> roles = new LinkedHashMap<>();
        private final List<ObjectNode> events = new ArrayList<>();
        private final String stranger;

        private Scenario(CanaryApp app, String stranger) {
            this.app = app;
            this.stranger = stranger;
        }

        static Scenario around(CanaryApp app) {
            Scenario stream = new Scenario(app, "payments-5xx-" + app.id);
            String v1 = app.bootstrap(app.spec().put("intervalSeconds", INTERVAL_SECONDS));
            app.reportErrorRate(0.2);
            String v2 = app.registerRevision("orders:2");
            app.deploy(v2);
            JsonNode atTen = app.awaitStep(v2, 1);
            Task stays = stream.task("primary that stays", app.app + "-primary", v1);
            Task joins = stream.task("canary that stays", app.app, v2);
            Task leaves = stream.task("primary that stops", app.app + "-primary", v1);
            Task goes = stream.task("canary that stops", app.app, v2);
            List.of(stays, joins, leaves, goes).forEach(task -> stream.events.add(EVENTS.running(task)));
            for (Task stopped : List.of(leaves, goes)) {
                app.stopTask(stopped);
                stream.events.add(EVENTS.stopped(stopped, 0));
            }
            String serviceArn = app.service(app.app).orElseThrow().serviceArn();
            stream.events.add(EVENTS.deploymentInProgress(serviceArn, atTen.path("deploymentId").asText(), null));
            stream.events.add(SampleEvents.alarmEvent(stream.stranger, "ALARM"));
            app.shop.setAlarm(StateValue.ALARM, "5xx above threshold");
            stream.events.add(SampleEvents.alarmEvent(app.alarm, "ALARM"));
            return stream;
        }

        private Task task(String role, String service, String taskDefinition) {
            Task task = app.runTask(service, taskDefinition);
            roles.put(Shop.taskId(task), role);
            return task;
        }

        /** Puts the events on the bus and waits until each function has handled every copy it was sent. */
        void deliver(List<ObjectNode> delivered) {
            List<Handling> handlings = List.of(
                    new Handling(delivered, "ECS Task State Change", "task reconciled", "taskId",
                            event -> taskId(event.path("detail").path("taskArn").asText())),
                    new Handling(delivered, "ECS Deployment State Change", "deployment handled", "deployment",
                            event -> event.path("detail").path("deploymentId").asText()),
                    new Handling(delivered, "CloudWatch Alarm State Change", "alarm handled", "alarm",
                            event -> event.path("detail").path("alarmName").asText()));
            List<Integer> before = handlings.stream().map(Handling::logged).toList();
            delivered.forEach(Bus::put);
            for (int i = 0; i < handlings.size(); i++) {
                handlings.get(i).await(before.get(i));
            }
        }

        Result result() {
            List<String> registrations = app.instances().entrySet().stream()
                    .map(instance -> "%s %s %s".formatted(
                            roles.getOrDefault(instance.getKey(), "service task"),
                            instance.getValue().get("track"), instance.getValue().get("revision")))
                    .sorted()
                    .toList();
            return new Result(registrations, app.canaryWeight());
        }

        private static String taskId(String taskArn) {
            return taskArn.substring(taskArn.lastIndexOf('/') + 1);
        }
    }

    /**
     * The log line a function writes for each event of one kind it handled, and how many copies it was sent; the
     * same resource may have had events before (the deployment that started the rollout), so lines are counted on.
     */
    private record Handling(String message, String key, List<String> ids) {

        Handling(List<ObjectNode> delivered, String detailType, String message, String key,
                Function<JsonNode, String> id) {
            this(message, key, delivered.stream()
                    .filter(event -> event.path("detail-type").asText().equals(detailType)).map(id).toList());
        }

        int logged() {
            return FunctionLog.lines(line -> line.path("message").asText().equals(message)
                    && ids.contains(line.path(key).asText())).size();
        }

        void await(int before) {
            Eventually.until(this::logged, handled -> handled >= before + ids.size(),
                    "%d more '%s' lines".formatted(ids.size(), message));
        }
    }
}
