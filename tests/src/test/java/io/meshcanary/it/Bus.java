package io.meshcanary.it;

import static io.meshcanary.it.Emulator.AWS;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/** Puts events on the default EventBridge bus, where the template's rules route them to the functions. */
final class Bus {

    private Bus() {
    }

    static void put(JsonNode event) {
        List<String> resources = new ArrayList<>();
        event.path("resources").forEach(resource -> resources.add(resource.asText()));
        PutEventsResponse response = AWS.events.putEvents(request -> request.entries(entry -> entry
                .source(event.get("source").asText())
                .detailType(event.get("detail-type").asText())
                .resources(resources)
                .detail(event.get("detail").toString())));
        if (response.failedEntryCount() > 0) {
            throw new AssertionError("PutEvents rejected the event: " + response.entries());
        }
    }
}
