package io.meshcanary.local.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.local.host.HostPlan.HostedFunction;
import io.meshcanary.local.host.HostPlan.RuleSubscription;
import io.meshcanary.local.support.AwsCallException;
import io.meshcanary.local.support.AwsJsonClient;
import io.meshcanary.local.support.AwsJsonService;
import io.meshcanary.local.support.JsonLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Delivers EventBridge events to functions. moto matches events against the real rule pattern but can deliver
 * only to SQS, so each rule targets a queue of its own, which this pump long-polls; each event becomes an
 * asynchronous invocation, as EventBridge's delivery to Lambda is.
 */
final class EventPump implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WAIT_SECONDS = 10;
    private static final Duration PAUSE_AFTER_ERROR = Duration.ofSeconds(1);

    private final List<RuleSubscription> subscriptions;
    private final String accountId;
    private final Invoker invoker;
    private final AsyncInvoker asyncInvoker;
    private final AwsJsonClient sqs;
    private final JsonLog log;
    private volatile boolean running = true;

    EventPump(HostPlan plan, Invoker invoker, AsyncInvoker asyncInvoker, AwsJsonClient sqs, JsonLog log) {
        this.subscriptions = plan.subscriptions();
        this.accountId = plan.accountId();
        this.invoker = invoker;
        this.asyncInvoker = asyncInvoker;
        this.sqs = sqs;
        this.log = log;
    }

    void start() {
        for (RuleSubscription subscription : subscriptions) {
            HostedFunction function = invoker.function(subscription.functionName()).orElseThrow(() ->
                    new IllegalArgumentException("rule %s targets unknown function %s"
                            .formatted(subscription.ruleName(), subscription.functionName())));
            Thread.ofVirtual().name("event-pump-" + subscription.ruleName())
                    .start(() -> pump(subscription, function));
        }
    }

    private void pump(RuleSubscription subscription, HostedFunction function) {
        ObjectNode receive = JsonNodeFactory.instance.objectNode()
                .put("QueueUrl", subscription.queueUrl())
                .put("MaxNumberOfMessages", 10)
                .put("WaitTimeSeconds", WAIT_SECONDS);
        receive.putArray("MessageSystemAttributeNames").add("SentTimestamp");
        while (running) {
            try {
                for (JsonNode message : sqs.call(AwsJsonService.SQS, "ReceiveMessage", receive).path("Messages")) {
                    deliver(subscription, function, message);
                }
            } catch (AwsCallException e) {
                if (running) {
                    log.error("local.eventPumpFailed", e, "rule", subscription.ruleName());
                    pause();
                }
            }
        }
    }

    private void deliver(RuleSubscription subscription, HostedFunction function, JsonNode message) {
        Instant sent = Instant.ofEpochMilli(message.path("Attributes").path("SentTimestamp").asLong());
        byte[] event = withAccount(message.path("Body").asText());
        String requestId = Invoker.newRequestId();
        // The event's id is the one PutEvents answered with: it leads from a put event to its invocations.
        log.info("local.eventDelivered", "rule", subscription.ruleName(), "function", function.name(),
                "messageId", message.path("MessageId").asText(), "eventId", eventId(event), "requestId", requestId);
        asyncInvoker.submit(function, event, requestId, sent);
        sqs.call(AwsJsonService.SQS, "DeleteMessage", JsonNodeFactory.instance.objectNode()
                .put("QueueUrl", subscription.queueUrl())
                .put("ReceiptHandle", message.path("ReceiptHandle").asText()));
    }

    /**
     * moto leaves "account" out of the events it delivers to SQS (its default input template lacks it), while
     * EventBridge always sends it; it is put back so that handlers see the real shape.
     */
    private byte[] withAccount(String body) {
        try {
            if (JSON.readTree(body) instanceof ObjectNode event && !event.has("account")) {
                event.put("account", accountId);
                return JSON.writeValueAsBytes(event);
            }
        } catch (IOException notJson) {
            // Not an event EventBridge would send; it is delivered as it came.
        }
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static String eventId(byte[] event) {
        try {
            return JSON.readTree(event).path("id").asText(null);
        } catch (IOException notJson) {
            return null;
        }
    }

    private void pause() {
        try {
            Thread.sleep(PAUSE_AFTER_ERROR);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
    }
}
