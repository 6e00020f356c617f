package io.meshcanary.functions.deploymenttrigger;

import static io.meshcanary.testing.SampleFiles.DEPLOYMENT_IN_PROGRESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.model.InvalidEventException;
import io.meshcanary.testing.RolloutFakes;
import io.meshcanary.testing.Invocations;
import io.meshcanary.testing.SampleFiles;
import io.meshcanary.testing.TestContext;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The sample deployment event in events/, the file {@code sam local invoke -e} takes, through the real handler. */
class DeploymentTriggerHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXECUTION = "shop-orders-4719802350938163742";

    private final RolloutFakes fakes = RolloutFakes.ordersReleasedBefore();
    private final DeploymentTriggerHandler handler = new DeploymentTriggerHandler(fakes.trigger());

    @Test
    void sampleEventStartsAnExecutionNamedFromTheDeployment() throws IOException {
        JsonNode output = invoke(SampleFiles.read(DEPLOYMENT_IN_PROGRESS));

        assertThat(output).isEqualTo(JSON.readTree("""
                {"action": "STARTED", "service": "orders", "execution": "%s"}""".formatted(EXECUTION)));
        assertThat(fakes.workflows().startedNames()).containsExactly(EXECUTION);
        assertThat(JSON.readTree(fakes.workflows().started().get(EXECUTION))).isEqualTo(JSON.readTree("""
                {"cluster": "shop", "service": "orders", "deploymentId": "ecs-svc/4719802350938163742"}"""));
    }

    @Test
    void sameEventDeliveredTwiceStartsOneExecution() throws IOException {
        JsonNode first = invoke(SampleFiles.read(DEPLOYMENT_IN_PROGRESS));
        JsonNode second = invoke(SampleFiles.read(DEPLOYMENT_IN_PROGRESS));

        assertThat(second).isEqualTo(first);
        assertThat(fakes.workflows().startedNames()).containsExactly(EXECUTION);
    }

    @Test
    void deploymentOfThePrimaryTwinStartsNothing() throws IOException {
        JsonNode output = invoke(edit(event -> resources(event,
                "arn:aws:ecs:us-east-1:123456789012:service/shop/orders-primary")));

        assertThat(output.path("action").asText()).isEqualTo("IGNORED_PRIMARY");
        assertThat(output.path("execution").isNull()).isTrue();
        assertThat(fakes.workflows().started()).isEmpty();
    }

    @Test
    void deploymentOfAServiceNotOnboardedStartsNothing() throws IOException {
        JsonNode output = invoke(edit(event -> resources(event,
                "arn:aws:ecs:us-east-1:123456789012:service/shop/payments")));

        assertThat(output.path("action").asText()).isEqualTo("IGNORED_NOT_ONBOARDED");
        assertThat(fakes.workflows().started()).isEmpty();
    }

    static Stream<Arguments> badEvents() {
        return Stream.of(
                bad("a task event", edit(event -> event.put("detail-type", "ECS Task State Change")), "detail-type"),
                bad("no detail", edit(event -> event.remove("detail")), "detail"),
                bad("no detail.deploymentId", edit(event -> detail(event).remove("deploymentId")),
                        "detail.deploymentId"),
                bad("a numeric detail.deploymentId", edit(event -> detail(event).put("deploymentId", 4719802)),
                        "detail.deploymentId"),
                bad("no detail.eventName", edit(event -> detail(event).remove("eventName")), "detail.eventName"),
                bad("a completed deployment", edit(event -> detail(event)
                        .put("eventName", "SERVICE_DEPLOYMENT_COMPLETED")), "detail.eventName"),
                bad("no resources", edit(event -> event.remove("resources")), "resources[0]"),
                bad("empty resources", edit(event -> event.putArray("resources")), "resources[0]"),
                bad("a short-format service ARN",
                        edit(event -> resources(event, "arn:aws:ecs:us-east-1:123456789012:service/orders")),
                        "resources[0]"),
                bad("a truncated document", "{\"detail-type\": \"ECS Deployment State Change\", ", "$"),
                bad("a JSON array", "[]", "$"));
    }

    @ParameterizedTest(name = "{0} is rejected naming {1}")
    @MethodSource("badEvents")
    void badEventIsRejectedNamingTheFieldAndStartsNothing(String event, String field) {
        InvalidEventException error = Invocations.rejection(handler, event, context());

        assertThat(error.field()).isEqualTo(field);
        assertThat(fakes.workflows().started()).as("executions started").isEmpty();
    }

    private JsonNode invoke(String event) throws IOException {
        return Invocations.invoke(handler, event, context());
    }

    private static TestContext context() {
        return new TestContext("meshcanary-DeploymentTriggerFunction");
    }


    private static Arguments bad(String problem, String event, String field) {
        return Arguments.of(named(problem, event), field);
    }

    /** The sample event with one thing changed, so that each bad event fails for exactly one reason. */
    private static String edit(Consumer<ObjectNode> change) {
        return SampleFiles.edited(DEPLOYMENT_IN_PROGRESS, change);
    }

    private static ObjectNode detail(ObjectNode event) {
        return (ObjectNode) event.get("detail");
    }

    private static void resources(ObjectNode event, String serviceArn) {
        event.putArray("resources").add(serviceArn);
    }
}
