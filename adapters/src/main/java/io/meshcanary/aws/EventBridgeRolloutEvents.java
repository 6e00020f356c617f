package io.meshcanary.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.meshcanary.port.RolloutEvents;
import io.meshcanary.rollout.RolloutEvent;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Rollout events on the stack's custom EventBridge bus: source {@code meshcanary}, the event's type as detail-type,
 * the whole event as detail. See docs/events.md.
 */
public final class EventBridgeRolloutEvents implements RolloutEvents {

    public static final String SOURCE = "meshcanary";

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final EventBridgeClient events;
    private final String busName;

    public EventBridgeRolloutEvents(EventBridgeClient events, String busName) {
        this.events = events;
        this.busName = busName;
    }

    @Override
    public void publish(RolloutEvent event) {
        String detail = detail(event);
        PutEventsResponse response;
        try {
            response = events.putEvents(request -> request.entries(entry -> entry
                    .eventBusName(busName)
                    .source(SOURCE)
                    .detailType(event.type())
                    .time(event.at())
                    .detail(detail)));
        } catch (SdkException e) {
            throw new EventPublishException("put %s of %s on bus %s".formatted(event.type(), event.execution(),
                    busName), e);
        }
        // PutEvents reports a rejected entry in the response, not as an error.
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            PutEventsResultEntry rejected = response.entries().getFirst();
            throw new EventPublishException("put %s of %s on bus %s: %s %s".formatted(event.type(),
                    event.execution(), busName, rejected.errorCode(), rejected.errorMessage()), null);
        }
    }

    static String detail(RolloutEvent event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("write the detail of " + event.type(), e);
        }
    }

    /** A rollout event the bus did not take; the message names the event, the execution and the bus. */
    public static final class EventPublishException extends RuntimeException {

        EventPublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
