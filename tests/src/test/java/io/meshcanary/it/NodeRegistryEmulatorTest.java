package io.meshcanary.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.appmesh.model.VirtualNodeData;
import software.amazon.awssdk.services.ecs.model.Task;

/** The node registry end to end: sample events on the bus, the template's rule, the real handler, the emulator. */
class NodeRegistryEmulatorTest {

    private static final String DEAD_LETTERS = "NodeRegistryDeadLetterQueue";

    @Test
    void runningEventRegistersOneInstanceWithTrackAndRevisionAndCreatesTheCanaryNode() {
        Shop shop = Shop.onboarded();
        Task task = shop.runTask(shop.app);

        Bus.put(shop.runningEvent(task));

        Map<String, Map<String, String>> instances = awaitInstances(shop, 1);
        assertThat(instances).containsOnlyKeys(Shop.taskId(task));
        assertThat(instances.get(Shop.taskId(task)))
                .containsEntry("track", "canary")
                .containsEntry("revision", "1")
                .containsEntry("AWS_INSTANCE_PORT", "8080")
                .containsEntry("AWS_INSTANCE_IPV4", shop.runningEvent(task).at(
                        "/detail/attachments/0/details/4/value").asText())
                .containsEntry("ECS_SERVICE_NAME", shop.app);
        VirtualNodeData node = shop.virtualNode(shop.app + "-canary").orElseThrow();
        assertThat(node.spec().serviceDiscovery().awsCloudMap().namespaceName()).isEqualTo(shop.namespace);
        assertThat(node.spec().serviceDiscovery().awsCloudMap().attributes())
                .singleElement()
                .satisfies(attribute -> {
                    assertThat(attribute.key()).isEqualTo("track");
                    assertThat(attribute.value()).isEqualTo("canary");
                });
        assertThat(node.spec().listeners().getFirst().portMapping().port()).isEqualTo(8080);
        assertThat(node.spec().backends()).extracting(backend -> backend.virtualService().virtualServiceName())
                .containsExactly("payments.shop.local");
    }

    @Test
    void stoppedEventDeregistersTheInstance() {
        Shop shop = Shop.onboarded();
        Task task = shop.runTask(shop.app);
        Bus.put(shop.runningEvent(task));
        awaitInstances(shop, 1);

        shop.stopTask(task);
        Bus.put(shop.stoppedEvent(task));

        awaitInstances(shop, 0);
    }

    @Test
    void primaryTwinTaskRegistersOnThePrimaryTrack() {
        Shop shop = Shop.onboarded();
        Task task = shop.runTask(shop.app + "-primary");

        Bus.put(shop.runningEvent(task));

        assertThat(awaitInstances(shop, 1).get(Shop.taskId(task))).containsEntry("track", "primary");
        assertThat(shop.virtualNode(shop.app + "-primary")).isPresent();
        assertThat(shop.virtualNode(shop.app + "-canary")).isEmpty();
    }

    @Test
    void tasksOfServicesThatAreNotOnboardedChangeNothing() {
        Shop stranger = Shop.notOnboarded();
        Task task = stranger.runTask(stranger.app);
        Bus.put(stranger.runningEvent(task));
        ObjectNode standalone = stranger.runningEvent(stranger.runTask(stranger.app));
        ((ObjectNode) standalone.get("detail")).put("group", SampleEvents.load("task-running-no-service.json")
                .at("/detail/group").asText());
        Bus.put(standalone);

        Sentinel.awaitProcessed();

        assertThat(stranger.instances()).isEmpty();
        assertThat(stranger.virtualNode(stranger.app + "-canary")).isEmpty();
    }

    @Test
    void runningEventArrivingAfterTheStopDoesNotRegisterAgain() {
        Shop shop = Shop.onboarded();
        Task task = shop.runTask(shop.app);
        ObjectNode running = shop.runningEvent(task);
        shop.stopTask(task);

        Bus.put(shop.stoppedEvent(task));
        Bus.put(running);
        Bus.put(running);
        Sentinel.awaitProcessed();

        assertThat(shop.instances()).isEmpty();
    }

    /**
     * EventBridge delivers at least once and in no set order. Whatever the order and however often each event
     * arrives, the registrations end as the ordered stream leaves them, because the handler converges on ECS's state.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7, 42})
    void duplicatedAndReorderedStreamsConvergeToTheOrderedState(long seed) {
        Shop shop = Shop.onboarded();
        List<Task> kept = List.of(shop.runTask(shop.app), shop.runTask(shop.app + "-primary"));
        List<Task> stopped = List.of(shop.runTask(shop.app), shop.runTask(shop.app));
        List<ObjectNode> stream = new ArrayList<>();
        kept.forEach(task -> stream.add(shop.runningEvent(task)));
        stopped.forEach(task -> stream.add(shop.runningEvent(task)));
        stopped.forEach(shop::stopTask);
        stopped.forEach(task -> stream.add(shop.stoppedEvent(task)));

        Random random = new Random(seed);
        List<ObjectNode> chaos = new ArrayList<>(stream);
        stream.stream().filter(event -> random.nextBoolean()).forEach(chaos::add);
        java.util.Collections.shuffle(chaos, random);
        chaos.forEach(Bus::put);
        Sentinel.awaitProcessed();

        assertThat(shop.instances()).containsOnlyKeys(kept.stream().map(Shop::taskId).toList());
        assertThat(shop.instances().get(Shop.taskId(kept.get(1)))).containsEntry("track", "primary");
    }

    @Test
    void eventWithoutTaskArnIsDeadLetteredNamingTheFieldAndRegistersNothing() {
        Shop shop = Shop.onboarded();
        Task task = shop.runTask(shop.app);
        ObjectNode event = shop.runningEvent(task);
        ((ObjectNode) event.get("detail")).remove("taskArn");

        Bus.put(event);

        assertThat(DeadLetters.awaitErrorFor(DEAD_LETTERS, shop.cluster)).startsWith("detail.taskArn:");
        assertThat(shop.instances()).isEmpty();
        assertThat(shop.virtualNode(shop.app + "-canary")).isEmpty();
    }

    @Test
    void taskWithoutAnAddressIsDeadLetteredNamingTheFieldAndRegistersNothing() {
        Shop shop = Shop.onboarded();
        Task task = shop.runTask(shop.app);
        ObjectNode event = shop.runningEvent(task);
        ((ObjectNode) event.get("detail")).putArray("attachments");

        Bus.put(event);

        assertThat(DeadLetters.awaitErrorFor(DEAD_LETTERS, shop.cluster))
                .startsWith("detail.attachments[].details.privateIPv4Address:");
        assertThat(shop.instances()).isEmpty();
    }

    private static Map<String, Map<String, String>> awaitInstances(Shop shop, int count) {
        return Eventually.until(shop::instances, instances -> instances.size() == count,
                count + " Cloud Map instance(s) of " + shop.app);
    }
}
