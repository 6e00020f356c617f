package io.meshcanary.functions.resync;

import static io.meshcanary.testing.RolloutFakes.APP;
import static io.meshcanary.testing.SampleFiles.SCHEDULED_RESYNC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshcanary.model.InvalidEventException;
import io.meshcanary.rollout.Phase;
import io.meshcanary.rollout.Rollout;
import io.meshcanary.rollout.Weights;
import io.meshcanary.testing.Invocations;
import io.meshcanary.testing.RolloutFakes;
import io.meshcanary.testing.SampleFiles;
import io.meshcanary.testing.SampleSpecs;
import io.meshcanary.testing.TestContext;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schedule's sample event in events/ and an operator's manual inputs through the real handler. {@code orders}
 * was released before, and someone has since edited its route to send 30% to the canary.
 */
class ResyncHandlerTest {

    private final RolloutFakes fakes = RolloutFakes.ordersReleasedBefore();
    private final ResyncHandler handler = new ResyncHandler(fakes.resync());

    @BeforeEach
    void routeDriftedFromTheEndedRollout() {
        fakes.store().given(Rollout.start("shop", APP, "ecs-svc/1", "shop-orders-1", false,
                        RolloutFakes.TASK_DEFINITION_7, RolloutFakes.TASK_DEFINITION_6, SampleSpecs.orders(),
                        RolloutFakes.START)
                .moveTo(Phase.SUCCEEDED, "promoted", RolloutFakes.START));
        fakes.router().given(APP, Weights.canaryAt(30));
    }

    @Test
    void scheduledEventRepairsTheDriftAndReturnsWhatItDid() throws IOException {
        JsonNode output = invoke(SampleFiles.read(SCHEDULED_RESYNC));

        assertThat(output.path("dryRun").asBoolean()).isFalse();
        assertThat(output.path("servicesChecked").asInt()).isEqualTo(1);
        assertThat(output.path("drifts")).singleElement().satisfies(drift -> {
            assertThat(drift.path("kind").asText()).isEqualTo("WEIGHT_DRIFT");
            assertThat(drift.path("service").asText()).isEqualTo("shop/orders");
            assertThat(drift.path("repaired").asBoolean()).isTrue();
        });
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
    }

    @Test
    void manualDryRunReportsTheDriftAndChangesNothing() throws IOException {
        RolloutFakes.Footprint before = fakes.footprint().ignoringMetricReads();

        JsonNode output = invoke("{\"dryRun\": true, \"services\": [\"shop/orders\"]}");

        assertThat(output.path("dryRun").asBoolean()).isTrue();
        assertThat(output.path("drifts")).singleElement().satisfies(drift -> {
            assertThat(drift.path("kind").asText()).isEqualTo("WEIGHT_DRIFT");
            assertThat(drift.path("repaired").asBoolean()).isFalse();
        });
        assertThat(fakes.footprint().ignoringMetricReads()).isEqualTo(before);
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.canaryAt(30));
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                bad("a string dryRun", "{\"dryRun\": \"yes\"}", "dryRun"),
                bad("a misspelt field", "{\"dryrun\": true}", "dryrun"),
                bad("services as a string", "{\"services\": \"shop/orders\"}", "services"),
                bad("a numeric service", "{\"services\": [\"shop/orders\", 7]}", "services[1]"),
                bad("a service without its cluster", "{\"services\": [\"orders\"]}", "services"),
                bad("another scheduled detail-type", SampleFiles.edited(SCHEDULED_RESYNC,
                        event -> event.put("detail-type", "ECS Task State Change")), "detail-type"),
                bad("a JSON array", "[{\"dryRun\": true}]", "$"),
                bad("a truncated document", "{\"dryRun\": ", "$"));
    }

    @ParameterizedTest(name = "{0} is rejected naming {1}")
    @MethodSource("badInputs")
    void badInputIsRejectedNamingTheFieldAndChangesNothing(String input, String field) {
        RolloutFakes.Footprint before = fakes.footprint();

        InvalidEventException error = Invocations.rejection(handler, input, context());

        assertThat(error.field()).isEqualTo(field);
        assertThat(fakes.footprint()).as("not even a read").isEqualTo(before);
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.canaryAt(30));
    }

    private JsonNode invoke(String input) throws IOException {
        return Invocations.invoke(handler, input, context());
    }

    private static TestContext context() {
        return new TestContext("meshcanary-ResyncFunction");
    }

    private static Arguments bad(String problem, String input, String field) {
        return Arguments.of(named(problem, input), field);
    }
}
