package io.meshcanary.functions.noderegistry;

import static io.meshcanary.testing.SampleFiles.BRIDGE_RUNNING;
import static io.meshcanary.testing.SampleFiles.FARGATE_RUNNING;
import static io.meshcanary.testing.SampleFiles.NO_SERVICE_RUNNING;
import static io.meshcanary.testing.SampleFiles.STOPPED_FAILED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Named.named;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.model.InvalidEventException;
import io.meshcanary.model.Track;
import io.meshcanary.registry.Endpoint;
import io.meshcanary.registry.Registration;
import io.meshcanary.rollout.Rollout;
import io.meshcanary.spec.CloudMapService;
import io.meshcanary.spec.InvalidSpecException;
import io.meshcanary.testing.Fakes;
import io.meshcanary.testing.RolloutFakes;
import io.meshcanary.testing.Invocations;
import io.meshcanary.testing.SampleFiles;
import io.meshcanary.testing.SampleSpecs;
import io.meshcanary.testing.TestContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The sample events in events/, the same files {@code sam local invoke -e} takes, through the real handler. */
class NodeRegistryHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CloudMapService ORDERS = new CloudMapService("shop.local", "orders");
    private static final String FARGATE_TASK =
            "arn:aws:ecs:us-east-1:123456789012:task/shop/6b2f9a3c1d8e4f0a9b7c5d3e1f2a4b6c";
    private static final String BRIDGE_TASK =
            "arn:aws:ecs:us-east-1:123456789012:task/shop/c41d7e2a9f0b4386a5e1d2c3b4a59687";
    private static final String BRIDGE_HOST =
            "arn:aws:ecs:us-east-1:123456789012:container-instance/shop/2f8e4c1a7b9d4e60a3c5b7d9e1f30425";

    private final Fakes fakes = Fakes.withOrdersOnboarded();
    private final NodeRegistryHandler handler = new NodeRegistryHandler(fakes.registry());

    @BeforeEach
    void bridgeHostIsKnown() {
        fakes.ecs().host(BRIDGE_HOST, "10.0.3.14");
    }

    @Test
    void sampleFailedStopOfACanaryTaskCountsAgainstTheActiveRollout() throws IOException {
        fakes.rollouts().given(Rollout.start("shop", "orders", "ecs-svc/4719802350938163742",
                "shop-orders-4719802350938163742", false, RolloutFakes.TASK_DEFINITION_7,
                RolloutFakes.TASK_DEFINITION_6, SampleSpecs.orders(), RolloutFakes.START));
        fakes.ecs().stopped(FARGATE_TASK);

        JsonNode output = invoke(SampleFiles.read(STOPPED_FAILED));

        assertThat(output.path("crash").asText()).isEqualTo("COUNTED");
        assertThat(fakes.rollouts().record("shop/orders").crashedTasks())
                .containsExactly("6b2f9a3c1d8e4f0a9b7c5d3e1f2a4b6c");
    }

    @Test
    void fargateRunningEventRegistersTheTaskOnTheCanaryTrack() throws IOException {
        fakes.ecs().running(FARGATE_TASK);

        JsonNode output = invoke(SampleFiles.read(FARGATE_RUNNING));

        assertThat(output).isEqualTo(JSON.readTree("""
                {"action": "REGISTERED", "taskId": "6b2f9a3c1d8e4f0a9b7c5d3e1f2a4b6c", "service": "orders",
                 "virtualNodeCreated": true, "crash": "NO_CRASH"}"""));
        assertThat(fakes.directory().instances(ORDERS)).isEqualTo(Map.of("6b2f9a3c1d8e4f0a9b7c5d3e1f2a4b6c",
                new Registration("6b2f9a3c1d8e4f0a9b7c5d3e1f2a4b6c", new Endpoint("10.0.1.23", 8080), Track.CANARY,
                        "7", "shop", "orders", "orders")));
        assertThat(fakes.mesh().created()).containsExactly("shop/orders-canary");
    }

    @Test
    void bridgeRunningEventRegistersTheHostAddressAndDynamicHostPort() throws IOException {
        fakes.ecs().running(BRIDGE_TASK);

        JsonNode output = invoke(SampleFiles.read(BRIDGE_RUNNING));

        assertThat(output.path("action").asText()).isEqualTo("REGISTERED");
        assertThat(fakes.directory().instances(ORDERS).get("c41d7e2a9f0b4386a5e1d2c3b4a59687").endpoint())
                .isEqualTo(new Endpoint("10.0.3.14", 32768));
    }

    @Test
    void sameEventDeliveredTwiceRegistersOnce() throws IOException {
        fakes.ecs().running(FARGATE_TASK);
        invoke(SampleFiles.read(FARGATE_RUNNING));

        JsonNode second = invoke(SampleFiles.read(FARGATE_RUNNING));

        assertThat(second.path("action").asText()).isEqualTo("ALREADY_REGISTERED");
        assertThat(second.path("virtualNodeCreated").asBoolean()).isFalse();
        assertThat(fakes.directory().writes()).isEqualTo(1);
    }

    @Test
    void stoppedEventOfAFailedTaskDeregistersIt() throws IOException {
        fakes.ecs().running(FARGATE_TASK);
        invoke(SampleFiles.read(FARGATE_RUNNING));
        fakes.ecs().stopped(FARGATE_TASK);

        JsonNode output = invoke(SampleFiles.read(STOPPED_FAILED));

        assertThat(output.path("action").asText()).isEqualTo("DEREGISTERED");
        assertThat(fakes.directory().instances(ORDERS)).isEmpty();
    }

    @Test
    void runningEventDeliveredAfterTheStoppedOneDoesNotBringTheTaskBack() throws IOException {
        fakes.ecs().stopped(FARGATE_TASK);
        invoke(SampleFiles.read(STOPPED_FAILED));

        JsonNode late = invoke(SampleFiles.read(FARGATE_RUNNING));

        assertThat(late.path("action").asText()).isEqualTo("ALREADY_ABSENT");
        assertThat(fakes.directory().instances(ORDERS)).isEmpty();
        assertThat(fakes.mesh().created()).isEmpty();
    }

    @Test
    void taskOfNoServiceIsIgnoredWithoutLookingUpASpec() throws IOException {
        JsonNode output = invoke(SampleFiles.read(NO_SERVICE_RUNNING));

        assertThat(output).isEqualTo(JSON.readTree("""
                {"action": "IGNORED_NO_SERVICE", "taskId": "e7a1c9d3b5f24680a2c4e6f8b0d1e3f5", "service": null,
                 "virtualNodeCreated": false, "crash": "NO_CRASH"}"""));
        assertThat(fakes.specs().lookups()).isZero();
        assertThat(fakes.directory().writes()).isZero();
    }

    @Test
    void onboardedServiceWithBrokenSpecFailsTheInvocationNamingTheSpecField() {
        fakes.specs().onboard("shop", "orders", "{\"router\": {\"type\": \"appmesh\", \"mesh\": \"shop\"}}");
        fakes.ecs().running(FARGATE_TASK);

        InvalidSpecException error = catchThrowableOfType(InvalidSpecException.class,
                () -> invoke(SampleFiles.read(FARGATE_RUNNING)));

        assertThat(error.field()).isEqualTo("router.virtualRouter");
        assertThat(fakes.directory().writes()).isZero();
        assertThat(fakes.mesh().created()).isEmpty();
    }

    static Stream<Arguments> badEvents() {
        return Stream.of(
                bad("a truncated document", "{\"detail-type\": \"ECS Task State Change\", ", "$"),
                bad("an empty body", "", "$"),
                bad("a JSON array", "[]", "$"),
                bad("a deployment event", edit(FARGATE_RUNNING,
                        event -> event.put("detail-type", "ECS Deployment State Change")), "detail-type"),
                bad("no detail", edit(FARGATE_RUNNING, event -> event.remove("detail")), "detail"),
                bad("no detail.taskArn", edit(FARGATE_RUNNING, event -> detail(event).remove("taskArn")),
                        "detail.taskArn"),
                bad("a detail.taskArn that is no ARN",
                        edit(FARGATE_RUNNING, event -> detail(event).put("taskArn", "6b2f9a3c")), "detail.taskArn"),
                bad("a numeric detail.clusterArn", edit(FARGATE_RUNNING, event -> detail(event).put("clusterArn", 7)),
                        "detail.clusterArn"),
                bad("no detail.taskDefinitionArn",
                        edit(FARGATE_RUNNING, event -> detail(event).remove("taskDefinitionArn")),
                        "detail.taskDefinitionArn"),
                bad("a host port that is not a number", edit(BRIDGE_RUNNING, event -> ((ObjectNode) detail(event)
                        .path("containers").path(0).path("networkBindings").path(0)).put("hostPort", "dynamic")),
                        "detail.containers[].networkBindings[]"));
    }

    @ParameterizedTest(name = "{0} is rejected naming {1}")
    @MethodSource("badEvents")
    void badEventIsRejectedNamingTheFieldAndRegistersNothing(String event, String field) {
        // Both sample tasks run, so an event that slipped through would register one of them.
        fakes.ecs().running(FARGATE_TASK).running(BRIDGE_TASK);
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        InvalidEventException error = catchThrowableOfType(InvalidEventException.class,
                () -> handler.handleRequest(Invocations.input(event), output, new TestContext()));

        assertThat(error).as("rejection of %s", event).isNotNull();
        assertThat(error.field()).isEqualTo(field);
        assertThat(output.size()).as("bytes returned").isZero();
        assertThat(fakes.directory().writes()).as("Cloud Map writes").isZero();
        assertThat(fakes.mesh().created()).as("virtual nodes created").isEmpty();
    }

    private JsonNode invoke(String event) throws IOException {
        return Invocations.invoke(handler, event, new TestContext());
    }


    private static Arguments bad(String problem, String event, String field) {
        return Arguments.of(named(problem, event), field);
    }

    /** A sample event with one thing wrong, so that each bad event fails for exactly one reason. */
    private static String edit(String sample, Consumer<ObjectNode> change) {
        return SampleFiles.edited(sample, change);
    }

    private static ObjectNode detail(ObjectNode event) {
        return (ObjectNode) event.get("detail");
    }
}
