package io.meshcanary.it;

import static io.meshcanary.it.Emulator.AWS;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshcanary.local.bus.BusEntries;

/** Puts events on the default EventBridge bus, where the template's rules route them to the functions. */
final class Bus {

    private Bus() {
    }

    /** @return the id the bus gave the event, which the runtime's delivery log names */
    static String put(JsonNode event) {
        return BusEntries.put(AWS.events, event);
    }
}
