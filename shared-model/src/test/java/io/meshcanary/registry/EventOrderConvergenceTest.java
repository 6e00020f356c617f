package io.meshcanary.registry;

import static io.meshcanary.registry.TaskChanges.CONTAINER_INSTANCE_ARN;
import static io.meshcanary.registry.TaskChanges.bridgeTask;
import static io.meshcanary.registry.TaskChanges.fargateTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.model.Track;
import io.meshcanary.spec.CloudMapService;
import io.meshcanary.testing.Fakes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * EventBridge delivers at least once and in no guaranteed order. Whatever order and however often the events of a
 * rollout arrive, the registry must end where the ordered stream ends, because it acts on what ECS says now.
 */
class EventOrderConvergenceTest {

    private static final CloudMapService ORDERS = new CloudMapService("shop.local", "orders");
    private static final String PRIMARY_REVISION = "arn:aws:ecs:us-east-1:123456789012:task-definition/orders:6";

    private static final TaskChange PRIMARY_1 = fargateTask("primary-1", "10.0.2.1").inService("orders-primary")
            .taskDefinitionArn(PRIMARY_REVISION).build();
    private static final TaskChange PRIMARY_2 = fargateTask("primary-2", "10.0.2.2").inService("orders-primary")
            .taskDefinitionArn(PRIMARY_REVISION).build();
    private static final TaskChange CANARY_1 = fargateTask("canary-1", "10.0.1.1").build();
    private static final TaskChange CANARY_2 = fargateTask("canary-2", "10.0.1.2").build();
    private static final TaskChange CANARY_3 = bridgeTask("canary-3", 32768).build();
    private static final TaskChange CANARY_4 = fargateTask("canary-4", "10.0.1.4").build();
    private static final TaskChange REPORT = fargateTask("report-1", "10.0.9.1").group("family:nightly-report").build();
    private static final TaskChange BILLING = fargateTask("billing-1", "10.0.8.1").inService("billing").build();

    /**
     * A rollout in miniature, in the order things happened: the primary scales in, a canary task crashes and is
     * replaced, a bridge-mode canary joins, another canary is stopped; unrelated tasks come and go around them.
     */
    private static final List<Event> ORDERED = List.of(
            new Event("RUNNING", PRIMARY_1),
            new Event("RUNNING", PRIMARY_2),
            new Event("RUNNING", REPORT),
            new Event("RUNNING", CANARY_1),
            new Event("STOPPED", CANARY_1),
            new Event("RUNNING", CANARY_2),
            new Event("RUNNING", BILLING),
            new Event("STOPPED", PRIMARY_2),
            new Event("RUNNING", CANARY_3),
            new Event("RUNNING", CANARY_4),
            new Event("STOPPED", CANARY_4));

    /** The event's own status is only a hint the registry ignores; it is kept to make a failing order readable. */
    private record Event(String lastStatus, TaskChange task) {

        @Override
        public String toString() {
            return lastStatus + " " + task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
        }
    }

    @Test
    void orderedStreamEndsWithExactlyTheLiveTasksOfOnboardedServicesRegistered() {
        Fakes fakes = replay(ORDERED);

        assertThat(fakes.directory().snapshot()).isEqualTo(Map.of(ORDERS, Map.of(
                "primary-1", new Registration("primary-1", new Endpoint("10.0.2.1", 8080), Track.PRIMARY, "6", "shop",
                        "orders-primary", "orders"),
                "canary-2", new Registration("canary-2", new Endpoint("10.0.1.2", 8080), Track.CANARY, "7", "shop",
                        "orders", "orders"),
                "canary-3", new Registration("canary-3", new Endpoint("10.0.3.14", 32768), Track.CANARY, "7", "shop",
                        "orders", "orders"))));
        assertThat(fakes.mesh().created()).containsExactly("shop/orders-primary", "shop/orders-canary");
    }

    @Test
    void everyReorderingWithDuplicatesEndsWhereTheOrderedStreamEnds() {
        Fakes ordered = replay(ORDERED);

        for (long seed = 0; seed < 200; seed++) {
            List<Event> delivered = reorderedWithDuplicates(ORDERED, new Random(seed));

            Fakes fakes = replay(delivered);

            assertThat(fakes.directory().snapshot()).as("seed %d delivering %s", seed, delivered)
                    .isEqualTo(ordered.directory().snapshot());
            assertThat(fakes.mesh().created()).as("seed %d delivering %s", seed, delivered)
                    .containsExactlyInAnyOrderElementsOf(ordered.mesh().created());
        }
    }

    @Test
    void everyPermutationOfOneTracksEventsEndsWhereTheOrderedStreamEnds() {
        List<Event> canaryTrack = ORDERED.stream()
                .filter(event -> event.task().group().equals("service:orders"))
                .toList();
        Fakes ordered = replay(canaryTrack);

        List<List<Event>> permutations = permutations(canaryTrack);

        assertThat(permutations).hasSize(720);
        for (List<Event> delivered : permutations) {
            assertThat(replay(delivered).directory().snapshot()).as("delivering %s", delivered)
                    .isEqualTo(ordered.directory().snapshot());
        }
    }

    /** Fresh fakes in which ECS already reports how every task ended, then every event delivered in turn. */
    private static Fakes replay(List<Event> delivered) {
        Fakes fakes = Fakes.withOrdersOnboarded();
        fakes.ecs()
                .running(PRIMARY_1.taskArn())
                .stopped(PRIMARY_2.taskArn())
                .forget(CANARY_1.taskArn())
                .running(CANARY_2.taskArn())
                .running(CANARY_3.taskArn())
                .stopped(CANARY_4.taskArn())
                .running(REPORT.taskArn())
                .running(BILLING.taskArn())
                .host(CONTAINER_INSTANCE_ARN, "10.0.3.14");
        NodeRegistry registry = fakes.registry();
        delivered.forEach(event -> registry.reconcile(event.task()));
        return fakes;
    }

    /** Every event at least once and up to three times, in a random order. */
    private static List<Event> reorderedWithDuplicates(List<Event> events, Random random) {
        List<Event> delivered = new ArrayList<>();
        for (Event event : events) {
            int copies = 1 + random.nextInt(3);
            for (int i = 0; i < copies; i++) {
                delivered.add(event);
            }
        }
        Collections.shuffle(delivered, random);
        return delivered;
    }

    private static List<List<Event>> permutations(List<Event> events) {
        if (events.isEmpty()) {
            return List.of(List.of());
        }
        List<List<Event>> result = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            List<Event> rest = new ArrayList<>(events);
            Event first = rest.remove(i);
            for (List<Event> tail : permutations(rest)) {
                List<Event> permutation = new ArrayList<>();
                permutation.add(first);
                permutation.addAll(tail);
                result.add(permutation);
            }
        }
        return result;
    }
}
