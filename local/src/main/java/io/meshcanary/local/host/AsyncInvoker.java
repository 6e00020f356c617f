package io.meshcanary.local.host;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.local.host.HostPlan.HostedFunction;
import io.meshcanary.local.support.AwsCallException;
import io.meshcanary.local.support.AwsJsonClient;
import io.meshcanary.local.support.AwsJsonService;
import io.meshcanary.local.support.JsonLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Asynchronous invocation as Lambda does it for EventBridge and InvocationType Event: on a function error the
 * event is retried up to MaximumRetryAttempts times; an event that still fails, or grew older than
 * MaximumEventAgeInSeconds, goes to the function's dead-letter queue with Lambda's message attributes.
 */
final class AsyncInvoker implements AutoCloseable {
    /** Lambda waits one, then two minutes between attempts; locally the order matters, not the wait. */
    private static final Duration RETRY_DELAY = Duration.ofMillis(200);
    /** Lambda truncates the error message it puts on a dead-lettered event. */
    private static final int MAX_ERROR_MESSAGE_LENGTH = 1024;
    /** The status of the Invoke call that Lambda made internally; a function error still answers 200. */
    private static final String INVOKE_STATUS = "200";

    private final Invoker invoker;
    private final AwsJsonClient sqs;
    private final JsonLog log;
    private final ExecutorService invocations = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("async-retries").factory());

    AsyncInvoker(Invoker invoker, AwsJsonClient sqs, JsonLog log) {
        this.invoker = invoker;
        this.sqs = sqs;
        this.log = log;
    }

    /**
     * @param requestId the id Lambda gives the event when it queues it, kept by every attempt
     * @param received when Lambda would have queued the event; its age counts from here
     */
    void submit(HostedFunction function, byte[] payload, String requestId, Instant received) {
        invocations.execute(() -> attempt(new Event(function, payload, requestId, received), 0));
    }

    private void attempt(Event event, int retry) {
        HostedFunction function = event.function();
        Duration age = Duration.between(event.received(), Instant.now());
        if (age.toSeconds() > function.maximumEventAgeSeconds()) {
            deadLetter(event, "Event age %d s exceeds MaximumEventAgeInSeconds %d"
                    .formatted(age.toSeconds(), function.maximumEventAgeSeconds()));
            return;
        }
        InvocationResult result = invoker.invoke(function, event.payload(), event.requestId());
        if (!(result instanceof InvocationResult.Failure failure)) {
            return;
        }
        if (retry < function.maximumRetryAttempts()) {
            log.info("local.asyncRetry", "function", function.name(), "requestId", event.requestId(),
                    "retry", retry + 1, "errorType", failure.errorType());
            retries.schedule(() -> invocations.execute(() -> attempt(event, retry + 1)),
                    RETRY_DELAY.toMillis() * (retry + 1), TimeUnit.MILLISECONDS);
        } else {
            deadLetter(event, failure.errorMessage());
        }
    }

    private void deadLetter(Event event, String errorMessage) {
        HostedFunction function = event.function();
        String requestId = event.requestId();
        if (function.deadLetterQueueUrl() == null) {
            log.warn("local.asyncDiscarded", "function", function.name(), "requestId", requestId,
                    "reason", errorMessage);
            return;
        }
        ObjectNode request = JsonNodeFactory.instance.objectNode()
                .put("QueueUrl", function.deadLetterQueueUrl())
                .put("MessageBody", new String(event.payload(), StandardCharsets.UTF_8));
        ObjectNode attributes = request.putObject("MessageAttributes");
        attribute(attributes, "RequestID", "String", requestId);
        attribute(attributes, "ErrorCode", "Number", INVOKE_STATUS);
        attribute(attributes, "ErrorMessage", "String", errorMessage.length() > MAX_ERROR_MESSAGE_LENGTH
                ? errorMessage.substring(0, MAX_ERROR_MESSAGE_LENGTH)
                : errorMessage);
        try {
            sqs.call(AwsJsonService.SQS, "SendMessage", request);
            log.info("local.deadLettered", "function", function.name(), "requestId", requestId,
                    "queueUrl", function.deadLetterQueueUrl(), "errorMessage", errorMessage);
        } catch (AwsCallException e) {
            log.error("local.deadLetterFailed", e, "function", function.name(), "requestId", requestId);
        }
    }

    private static void attribute(ObjectNode attributes, String name, String dataType, String value) {
        attributes.putObject(name).put("DataType", dataType).put("StringValue", value);
    }

    private record Event(HostedFunction function, byte[] payload, String requestId, Instant received) {
    }

    @Override
    public void close() {
        retries.shutdownNow();
        invocations.shutdownNow();
    }
}
