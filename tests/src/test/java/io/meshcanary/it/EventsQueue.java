package io.meshcanary.it;

import static io.meshcanary.it.Emulator.AWS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.meshcanary.local.StackResources;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A rule of the kind an operator would write (docs/events.md) on the stack's rollout bus, routing every meshcanary
 * event to an SQS queue of the test's own, which the test reads. Closing it removes rule and queue.
 */
final class EventsQueue implements AutoCloseable {

    private final String bus = StackResources.ref("RolloutEventBus");
    private final String name = "rollout-events-" + UUID.randomUUID().toString().substring(0, 8);
    private final String queueUrl;
    private final List<JsonNode> received = new ArrayList<>();

    EventsQueue() {
        queueUrl = AWS.sqs.createQueue(request -> request.queueName(name)).queueUrl();
        String queueArn = AWS.sqs.getQueueAttributes(request -> request.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        AWS.events.putRule(request -> request.name(name).eventBusName(bus)
                .eventPattern("{\"source\":[\"meshcanary\"]}"));
        AWS.events.putTargets(request -> request.rule(name).eventBusName(bus)
                .targets(target -> target.id("queue").arn(queueArn)));
    }

    /** Every event received so far, this poll's included, in the order they arrived. */
    List<JsonNode> received() {
        for (Message message : AWS.sqs.receiveMessage(request -> request.queueUrl(queueUrl)
                .maxNumberOfMessages(10)).messages()) {
            received.add(json(message.body()));
            AWS.sqs.deleteMessage(request -> request.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        }
        return List.copyOf(received);
    }

    @Override
    public void close() {
        AWS.events.removeTargets(request -> request.rule(name).eventBusName(bus).ids("queue"));
        AWS.events.deleteRule(request -> request.name(name).eventBusName(bus));
        AWS.sqs.deleteQueue(request -> request.queueUrl(queueUrl));
    }

    private static JsonNode json(String text) {
        try {
            return SampleEvents.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
