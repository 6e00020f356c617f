package io.meshcanary.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Rollout events end to end: the real handlers publish on the template's custom bus, and a rule of the kind an
 * operator would write (docs/events.md) routes them to an SQS queue that the test reads.
 */
@Order(11) // among the longest classes: started early (junit-platform.properties)
class RolloutEventsEmulatorTest {

    @Test
    void rolloutPublishesItsTransitionsInOrderOnTheCustomBus() {
        try (EventsQueue queue = new EventsQueue()) {
            CanaryApp app = new CanaryApp();
            app.bootstrap(app.spec());
            String bootstrap = app.record().orElseThrow().path("execution").asText();
            app.reportErrorRate(0.2);
            String v2 = app.registerRevision("orders:2");
            app.deploy(v2);
            JsonNode rollout = app.awaitRollout(v2, "SUCCEEDED");
            String execution = rollout.path("execution").asText();

            List<JsonNode> events = Eventually.until(() -> queue.received().stream()
                    .filter(event -> event.path("detail").path("execution").asText().equals(execution))
                    .sorted(Comparator.comparing(event -> event.path("detail").path("at").asText())).toList(),
                    ofRollout -> ofRollout.size() >= 5, "the rollout's five events");

            assertThat(events).extracting(event -> event.path("detail-type").asText()).containsExactly(
                    "Rollout Started", "Weight Changed", "Weight Changed", "Weight Changed", "Promoted");
            assertThat(events).allSatisfy(event -> {
                assertThat(event.path("source").asText()).isEqualTo("meshcanary");
                assertThat(event.path("detail").path("service").asText()).isEqualTo(app.cluster + "/" + app.app);
                assertThat(event.path("detail").path("canaryTaskDefinition").asText()).isEqualTo(v2);
            });
            assertThat(events).extracting(event -> event.path("detail").path("canaryWeight").asInt())
                    .containsExactly(0, 10, 20, 50, 0);
            assertThat(queue.received()).as("the bootstrap announced nothing")
                    .noneMatch(event -> event.path("detail").path("execution").asText().equals(bootstrap));
        }
    }
}
