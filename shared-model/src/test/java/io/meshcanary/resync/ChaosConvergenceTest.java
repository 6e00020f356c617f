package io.meshcanary.resync;

import static io.meshcanary.testing.RolloutFakes.APP;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.model.Track;
import io.meshcanary.registry.TaskChange;
import io.meshcanary.rollout.TriggerOutcome;
import io.meshcanary.testing.RolloutFakes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * EventBridge delivers at least once, in no set order, and loses events. A seeded generator makes a clean stream of
 * task, deployment and alarm events around a rollout of {@code orders} at 10%, then delivers it again with
 * duplicates, reordering and about one event in ten dropped. After one resync, the chaotic delivery must leave the
 * Cloud Map registrations and the route's weights exactly where the clean stream leaves them.
 *
 * <p>What is compared is only that: registrations and weights. Deployment events here are redeliveries of the
 * deployment that started the rollout, and deployments of a service that is not onboarded; a lost deployment that
 * would have started a rollout is not something the resync starts.
 */
class ChaosConvergenceTest {

    static final int SEEDS = 500;
    private static final String DEPLOYMENT = "ecs-svc/4719802350938163742";
    private static final String ORDERS_ARN = "arn:aws:ecs:us-east-1:123456789012:service/shop/orders";
    private static final String BILLING_ARN = "arn:aws:ecs:us-east-1:123456789012:service/shop/billing";
    private static final String ALARM = "orders-5xx";
    private static final double DROPPED = 0.1;

    @Test
    void everyChaoticDeliveryConvergesAfterOneResyncToTheCleanStreamsRegistrationsAndWeights() {
        int alarmed = 0;
        int dropped = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            Scenario clean = Scenario.generate(new Random(seed));
            RolloutFakes expected = clean.deliver(clean.events());
            assertThat(expected.resync().run(ResyncRequest.SCHEDULED).drifts())
                    .as("seed %d: the clean stream leaves nothing to repair", seed).isEmpty();

            Random chaos = new Random(~seed);
            List<Event> delivered = chaotic(clean.events(), chaos);
            RolloutFakes actual = clean.deliver(delivered);
            actual.resync().run(ResyncRequest.SCHEDULED);

            assertThat(actual.directory().snapshot()).as("seed %d delivering %s", seed, delivered)
                    .isEqualTo(expected.directory().snapshot());
            assertThat(actual.router().weights(APP)).as("seed %d delivering %s", seed, delivered)
                    .isEqualTo(expected.router().weights(APP));
            alarmed += clean.alarmFires ? 1 : 0;
            dropped += clean.events().stream().filter(event -> !delivered.contains(event)).count() > 0 ? 1 : 0;
        }
        assertThat(alarmed).as("seeds whose stream fires the rollout's alarm").isBetween(SEEDS / 4, SEEDS * 3 / 4);
        assertThat(dropped).as("seeds that lost at least one event").isGreaterThan(SEEDS / 2);
    }

    /** About one event in ten lost; each of the others delivered one to three times; all in a random order. */
    private static List<Event> chaotic(List<Event> events, Random random) {
        List<Event> delivered = new ArrayList<>();
        for (Event event : events) {
            if (random.nextDouble() < DROPPED) {
                continue;
            }
            for (int copies = 1 + random.nextInt(3); copies > 0; copies--) {
                delivered.add(event);
            }
        }
        Collections.shuffle(delivered, random);
        return delivered;
    }

    private sealed interface Event permits TaskEvent, DeploymentEvent, AlarmEvent {
    }

    /** A task's RUNNING or STOPPED event: the registry reads the task's state, so only the task matters. */
    private record TaskEvent(String status, TaskChange task) implements Event {

        /** Short, so that a failing delivery order is readable. */
        @Override
        public String toString() {
            return status + " " + task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
        }
    }

    private record DeploymentEvent(String serviceArn, String deploymentId) implements Event {
    }

    private record AlarmEvent(String alarm, String state) implements Event {
    }

    /**
     * What happens around the rollout: new tasks on both tracks, some of which stop again, some of the tasks that
     * ran before stop, the rollout's alarm fires or not, and unrelated alarms and deployments come and go.
     */
    private record Scenario(int newCanaries, int newPrimaries, List<Boolean> newStops, List<Boolean> oldStops,
            boolean alarmFires, List<Event> noise) {

        static Scenario generate(Random random) {
            int canaries = random.nextInt(4);
            int primaries = random.nextInt(3);
            List<Boolean> newStops = new ArrayList<>();
            for (int i = 0; i < canaries + primaries; i++) {
                newStops.add(random.nextInt(3) == 0);
            }
            List<Boolean> oldStops = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                oldStops.add(random.nextInt(4) == 0);
            }
            List<Event> noise = new ArrayList<>(List.of(new DeploymentEvent(ORDERS_ARN, DEPLOYMENT),
                    new DeploymentEvent(BILLING_ARN, "ecs-svc/" + random.nextInt(1_000_000)),
                    new AlarmEvent("payments-5xx", "ALARM"), new AlarmEvent(ALARM, "OK")));
            return new Scenario(canaries, primaries, newStops, oldStops, random.nextBoolean(), noise);
        }

        /** Fresh fakes in which the scenario's facts hold, with {@code delivered} handed to the functions. */
        RolloutFakes deliver(List<Event> delivered) {
            RolloutFakes fakes = setUp().fakes();
            for (Event event : delivered) {
                switch (event) {
                    case TaskEvent task -> fakes.registry().reconcile(task.task());
                    case DeploymentEvent deployment -> fakes.trigger()
                            .onDeploymentInProgress(deployment.serviceArn(), deployment.deploymentId());
                    case AlarmEvent alarm -> fakes.alarmGuard()
                            .onAlarmStateChange(alarm.alarm(), alarm.state(), "Threshold Crossed");
                }
            }
            return fakes;
        }

        /** The clean stream, in the order things happened. */
        List<Event> events() {
            return setUp().events();
        }

        private Setup setUp() {
            RolloutFakes fakes = RolloutFakes.ordersReleasedBefore();
            // The deployment's first delivery started the execution, which took the rollout to 10%.
            TriggerOutcome started = fakes.trigger().onDeploymentInProgress(ORDERS_ARN, DEPLOYMENT);
            fakes.canaryAtTenPercent(DEPLOYMENT, started.execution());
            List<TaskChange> old = new ArrayList<>(fakes.tasks().liveTasks("shop"));
            List<Event> events = new ArrayList<>(noise);
            for (int i = 0; i < newCanaries + newPrimaries; i++) {
                TaskChange task = fakes.taskRuns(i < newCanaries ? Track.CANARY : Track.PRIMARY,
                        i < newCanaries ? "7" : "6");
                events.add(new TaskEvent("RUNNING", task));
                if (newStops.get(i)) {
                    fakes.tasks().stopped(task.taskArn());
                    events.add(new TaskEvent("STOPPED", task));
                }
            }
            for (int i = 0; i < old.size(); i++) {
                if (oldStops.get(i)) {
                    fakes.tasks().stopped(old.get(i).taskArn());
                    events.add(new TaskEvent("STOPPED", old.get(i)));
                }
            }
            if (alarmFires) {
                fakes.metrics().alarm(ALARM);
                events.add(new AlarmEvent(ALARM, "ALARM"));
            }
            return new Setup(fakes, events);
        }
    }

    /** The fakes with the scenario's facts in place, and the clean stream that tells them. */
    private record Setup(RolloutFakes fakes, List<Event> events) {
    }
}
