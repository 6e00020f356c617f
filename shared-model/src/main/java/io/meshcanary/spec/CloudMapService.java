package io.meshcanary.spec;

import com.fasterxml.jackson.databind.JsonNode;

/** A Cloud Map service, by namespace name and service name, in which an app's tasks are registered. */
public record CloudMapService(String namespace, String service) {

    static CloudMapService read(JsonNode cloudMap) {
        return new CloudMapService(cloudMap.get("namespace").asText(), cloudMap.get("service").asText());
    }
}
