package io.meshcanary.spec;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The App Mesh coordinates of an app: the route whose weights move, and how its per-track virtual nodes are
 * discovered and shaped.
 */
public record AppMeshRouter(String mesh, String virtualRouter, String route, CloudMapService cloudMap,
        VirtualNodeTemplate virtualNode) implements RouterSpec {

    public static final String TYPE = "appmesh";

    static AppMeshRouter read(JsonNode router) {
        return new AppMeshRouter(
                router.get("mesh").asText(),
                router.get("virtualRouter").asText(),
                router.get("route").asText(),
                CloudMapService.read(router.get("cloudMap")),
                VirtualNodeTemplate.read(router.get("virtualNode")));
    }
}
