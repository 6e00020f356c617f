package io.meshcanary.functions.alarmguard;

import static io.meshcanary.testing.RolloutFakes.APP;
import static io.meshcanary.testing.RolloutFakes.CLUSTER;
import static io.meshcanary.testing.SampleFiles.ALARM;
import static io.meshcanary.testing.SampleFiles.ALARM_OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.model.InvalidEventException;
import io.meshcanary.model.Track;
import io.meshcanary.rollout.Phase;
import io.meshcanary.rollout.RolloutContext;
import io.meshcanary.rollout.RolloutSteps;
import io.meshcanary.rollout.Weights;
import io.meshcanary.spec.CanarySpec;
import io.meshcanary.testing.RolloutFakes;
import io.meshcanary.testing.Invocations;
import io.meshcanary.testing.SampleFiles;
import io.meshcanary.testing.SampleSpecs;
import io.meshcanary.testing.TestContext;
import java.io.IOException;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sample alarm events in events/, the files {@code sam local invoke -e} takes, through the real handler, while the
 * rollout of {@code orders} revision 7 stands at 10%.
 */
class AlarmGuardHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEPLOYMENT_FAILED = "events/deployment-failed.json";
    private static final String EXECUTION = "shop-orders-4719802350938163742";
    private static final String SERVICE = "shop/orders";

    private final RolloutFakes fakes = RolloutFakes.ordersReleasedBefore();
    private final AlarmGuardHandler handler = new AlarmGuardHandler(fakes.alarmGuard(), fakes.deploymentGuard());

    @BeforeEach
    void rolloutAtTenPercent() {
        RolloutSteps steps = fakes.steps();
        String spec = SampleSpecs.orders();
        RolloutContext context = new RolloutContext(CLUSTER, APP, EXECUTION, CanarySpec.parse(spec));
        steps.initialize(context, "ecs-svc/4719802350938163742", spec);
        Instant since = steps.scaleCanary(context);
        fakes.tasksRunning(Track.CANARY, "7", context.spec().canary().desiredCount());
        steps.capacityReady(context, Track.CANARY, since);
        steps.setWeight(context, 0);
        // CloudWatch sends the sample event when the alarm goes to ALARM; it is still there when the guard asks.
        fakes.metrics().alarm("orders-5xx");
    }

    @Test
    void sampleAlarmEventRevertsTheRolloutItGuards() throws IOException {
        JsonNode output = invoke(SampleFiles.read(ALARM));

        assertThat(output).isEqualTo(JSON.readTree("""
                {"action": "ABORTED", "alarm": "orders-5xx", "state": "ALARM", "rollouts": [
                  {"service": "shop/orders", "deploymentId": "ecs-svc/4719802350938163742",
                   "execution": "%s", "abortedNow": true}]}""".formatted(EXECUTION)));
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
        assertThat(fakes.store().record(SERVICE).phase()).isEqualTo(Phase.ABORTED);
        assertThat(fakes.store().record(SERVICE).reason())
                .startsWith("alarm orders-5xx is in ALARM: Threshold Crossed: 1 datapoint [7.0");
    }

    @Test
    void sampleOkEventChangesNothing() throws IOException {
        RolloutFakes.Footprint before = fakes.footprint();

        JsonNode output = invoke(SampleFiles.read(ALARM_OK));

        assertThat(output.path("action").asText()).isEqualTo("IGNORED_NOT_ALARM");
        assertThat(fakes.footprint()).isEqualTo(before);
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.canaryAt(10));
    }

    @Test
    void sameAlarmEventDeliveredTwiceAbortsOnce() throws IOException {
        invoke(SampleFiles.read(ALARM));
        RolloutFakes.Footprint afterFirst = fakes.footprint();

        JsonNode second = invoke(SampleFiles.read(ALARM));

        assertThat(second.path("action").asText()).isEqualTo("ALREADY_ABORTED");
        assertThat(fakes.footprint()).isEqualTo(afterFirst);
    }

    @Test
    void alarmOfNoRolloutChangesNothing() throws IOException {
        RolloutFakes.Footprint before = fakes.footprint();

        JsonNode output = invoke(edit(event -> detail(event).put("alarmName", "payments-5xx")));

        assertThat(output.path("action").asText()).isEqualTo("IGNORED_NO_ROLLOUT");
        assertThat(fakes.footprint()).isEqualTo(before);
    }

    @Test
    void sampleFailedDeploymentEventRevertsTheRolloutOfThatDeployment() throws IOException {
        JsonNode output = invoke(SampleFiles.read(DEPLOYMENT_FAILED));

        assertThat(output).isEqualTo(JSON.readTree("""
                {"action": "ABORTED", "service": "orders", "execution": "%s"}""".formatted(EXECUTION)));
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
        assertThat(fakes.store().record(SERVICE).reason())
                .endsWith("failed: ECS deployment circuit breaker: tasks failed to start.");
    }

    static Stream<Arguments> badEvents() {
        return Stream.of(
                bad("a task event", edit(event -> event.put("detail-type", "ECS Task State Change")), "detail-type"),
                bad("no detail", edit(event -> event.remove("detail")), "detail"),
                bad("no detail.alarmName", edit(event -> detail(event).remove("alarmName")), "detail.alarmName"),
                bad("a numeric detail.alarmName", edit(event -> detail(event).put("alarmName", 5)),
                        "detail.alarmName"),
                bad("no detail.state", edit(event -> detail(event).remove("state")), "detail.state"),
                bad("a string detail.state", edit(event -> detail(event).put("state", "ALARM")), "detail.state"),
                bad("no detail.state.value", edit(event -> state(event).remove("value")), "detail.state.value"),
                bad("an unknown detail.state.value", edit(event -> state(event).put("value", "ALARMING")),
                        "detail.state.value"),
                bad("a deployment event other than FAILED", SampleFiles.edited(DEPLOYMENT_FAILED,
                        event -> detail(event).put("eventName", "SERVICE_DEPLOYMENT_COMPLETED")), "detail.eventName"),
                bad("a failed deployment without resources", SampleFiles.edited(DEPLOYMENT_FAILED,
                        event -> event.remove("resources")), "resources[0]"),
                bad("a failed deployment without time", SampleFiles.edited(DEPLOYMENT_FAILED,
                        event -> event.remove("time")), "time"),
                bad("a truncated document", "{\"detail-type\": \"CloudWatch Alarm State Change\", ", "$"),
                bad("a JSON array", "[]", "$"));
    }

    @ParameterizedTest(name = "{0} is rejected naming {1}")
    @MethodSource("badEvents")
    void badEventIsRejectedNamingTheFieldAndChangesNothing(String event, String field) {
        RolloutFakes.Footprint before = fakes.footprint();

        InvalidEventException error = Invocations.rejection(handler, event, context());

        assertThat(error.field()).isEqualTo(field);
        assertThat(fakes.footprint()).isEqualTo(before);
    }

    private JsonNode invoke(String event) throws IOException {
        return Invocations.invoke(handler, event, context());
    }

    private static TestContext context() {
        return new TestContext("meshcanary-AlarmGuardFunction");
    }


    private static Arguments bad(String problem, String event, String field) {
        return Arguments.of(named(problem, event), field);
    }

    /** The sample ALARM event with one thing changed, so that each bad event fails for exactly one reason. */
    private static String edit(Consumer<ObjectNode> change) {
        return SampleFiles.edited(ALARM, change);
    }

    private static ObjectNode detail(ObjectNode event) {
        return (ObjectNode) event.get("detail");
    }

    private static ObjectNode state(ObjectNode event) {
        return (ObjectNode) detail(event).get("state");
    }
}
