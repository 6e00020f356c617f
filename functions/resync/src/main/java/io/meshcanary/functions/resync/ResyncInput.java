package io.meshcanary.functions.resync;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshcanary.model.EventBridgeEvents;
import io.meshcanary.model.InvalidEventException;
import io.meshcanary.resync.ResyncRequest;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads what invoked the resync: the schedule's EventBridge Scheduled Event, or an operator's manual input such as
 * {@code {"dryRun": true}} or {@code {"dryRun": true, "services": ["shop/orders"]}}. Anything else is rejected
 * naming the field, before anything is read or changed.
 */
final class ResyncInput {

    static final String SCHEDULED = "Scheduled Event";
    private static final Set<String> MANUAL_FIELDS = Set.of("dryRun", "services");

    private ResyncInput() {
    }

    static ResyncRequest read(JsonNode input) {
        if (input == null || !input.isObject()) {
            throw new InvalidEventException("$", "expected a Scheduled Event or a JSON object such as"
                    + " {\"dryRun\": true}, was " + input);
        }
        if (input.has("detail-type")) {
            EventBridgeEvents.detail(input, SCHEDULED);
            return ResyncRequest.SCHEDULED;
        }
        input.fieldNames().forEachRemaining(field -> {
            if (!MANUAL_FIELDS.contains(field)) {
                throw new InvalidEventException(field, "unknown field; a manual resync takes " + MANUAL_FIELDS);
            }
        });
        return new ResyncRequest(dryRun(input.get("dryRun")), services(input.get("services")));
    }

    private static boolean dryRun(JsonNode dryRun) {
        if (dryRun != null && !dryRun.isBoolean()) {
            throw new InvalidEventException("dryRun", "must be true or false, was " + dryRun);
        }
        return dryRun != null && dryRun.booleanValue();
    }

    private static Set<String> services(JsonNode services) {
        if (services == null) {
            return Set.of();
        }
        if (!services.isArray()) {
            throw new InvalidEventException("services", "must be a list of \"<cluster>/<app>\", was " + services);
        }
        Set<String> keys = new LinkedHashSet<>();
        for (int i = 0; i < services.size(); i++) {
            if (!services.get(i).isTextual()) {
                throw new InvalidEventException("services[%d]".formatted(i), "must be a string, was "
                        + services.get(i));
            }
            keys.add(services.get(i).asText());
        }
        return keys;
    }
}
