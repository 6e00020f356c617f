package io.meshcanary.local.bus;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Puts events in the shape EventBridge delivers them ({@code source}, {@code detail-type}, {@code resources},
 * {@code detail}) on the default bus. PutEvents takes those fields, not the event itself, and assigns the id, time,
 * account and region anew, as it does for any event put in an account.
 */
public final class BusEntries {

    private BusEntries() {
    }

    /** The PutEvents entry that makes the bus deliver an event like {@code event}. */
    public static PutEventsRequestEntry entry(JsonNode event) {
        List<String> resources = new ArrayList<>();
        event.path("resources").forEach(resource -> resources.add(resource.asText()));
        return PutEventsRequestEntry.builder()
                .source(event.get("source").asText())
                .detailType(event.get("detail-type").asText())
                .resources(resources)
                .detail(event.get("detail").toString())
                .build();
    }

    /** Puts {@code event} on the default bus and returns the id the bus gave it; a rejected entry is an error. */
    public static String put(EventBridgeClient bus, JsonNode event) {
        PutEventsResponse response = bus.putEvents(request -> request.entries(entry(event)));
        PutEventsResultEntry result = response.entries().getFirst();
        if (response.failedEntryCount() > 0) {
            throw new IllegalStateException("PutEvents rejected the %s event: %s %s".formatted(
                    event.get("detail-type").asText(), result.errorCode(), result.errorMessage()));
        }
        return result.eventId();
    }
}
