package io.meshcanary.it;

import static io.meshcanary.it.Emulator.AWS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Rollout events end to end: the real handlers publish on the template's custom bus, and a rule of the kind an
 * operator would write (docs/events.md) routes them to an SQS queue that the test reads.
 */
class RolloutEventsEmulatorTest {

    @Test
    void rolloutPublishesItsTransitionsInOrderOnTheCustomBus() {
        String bus = StackResources.ref("RolloutEventBus");
        String name = "rollout-events-" + UUID.randomUUID().toString().substring(0, 8);
        String queueUrl = AWS.sqs.createQueue(request -> request.queueName(name)).queueUrl();
        String queueArn = AWS.sqs.getQueueAttributes(request -> request.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        AWS.events.putRule(request -> request.name(name).eventBusName(bus)
                .eventPattern("{\"source\":[\"meshcanary\"]}"));
        AWS.events.putTargets(request -> request.rule(name).eventBusName(bus)
                .targets(target -> target.id("queue").arn(queueArn)));
        try {
            CanaryApp app = new CanaryApp();
            app.bootstrap(app.spec());
            String bootstrap = app.record().orElseThrow().path("execution").asText();
            app.reportErrorRate(0.2);
            String v2 = app.registerRevision("orders:2");
            app.deploy(v2);
            JsonNode rollout = app.awaitRollout(v2, "SUCCEEDED");
            String execution = rollout.path("execution").asText();

            List<JsonNode> received = new ArrayList<>();
            List<JsonNode> events = Eventually.until(() -> {
                received.addAll(receive(queueUrl));
                return received.stream().filter(event -> event.path("detail").path("execution").asText()
                        .equals(execution)).sorted(Comparator.comparing(event -> event.path("detail").path("at")
                        .asText())).toList();
            }, ofRollout -> ofRollout.size() >= 5, "the rollout's five events");

            assertThat(events).extracting(event -> event.path("detail-type").asText()).containsExactly(
                    "Rollout Started", "Weight Changed", "Weight Changed", "Weight Changed", "Promoted");
            assertThat(events).allSatisfy(event -> {
                assertThat(event.path("source").asText()).isEqualTo("meshcanary");
                assertThat(event.path("detail").path("service").asText()).isEqualTo(app.cluster + "/" + app.app);
                assertThat(event.path("detail").path("canaryTaskDefinition").asText()).isEqualTo(v2);
            });
            assertThat(events).extracting(event -> event.path("detail").path("canaryWeight").asInt())
                    .containsExactly(0, 10, 20, 50, 0);
            assertThat(received).as("the bootstrap announced nothing")
                    .noneMatch(event -> event.path("detail").path("execution").asText().equals(bootstrap));
        } finally {
            AWS.events.removeTargets(request -> request.rule(name).eventBusName(bus).ids("queue"));
            AWS.events.deleteRule(request -> request.name(name).eventBusName(bus));
            AWS.sqs.deleteQueue(request -> request.queueUrl(queueUrl));
        }
    }

    private static List<JsonNode> receive(String queueUrl) {
        List<JsonNode> events = new ArrayList<>();
        for (Message message : AWS.sqs.receiveMessage(request -> request.queueUrl(queueUrl)
                .maxNumberOfMessages(10)).messages()) {
            events.add(json(message.body()));
            AWS.sqs.deleteMessage(request -> request.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        }
        return events;
    }

    private static JsonNode json(String text) {
        try {
            return SampleEvents.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
