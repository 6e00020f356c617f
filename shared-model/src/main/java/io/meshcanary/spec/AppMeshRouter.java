package io.meshcanary.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshcanary.model.TrackedService;
import java.util.List;
import java.util.Map;

/**
 * The App Mesh coordinates of an app: the route whose weights move, and how its per-track virtual nodes are
 * discovered and shaped. The node registry registers each track's tasks in the Cloud Map service.
 */
public record AppMeshRouter(String mesh, String virtualRouter, String route, CloudMapService cloudMap,
        VirtualNodeTemplate virtualNode) implements RouterSpec, InstanceRegistry {

    public static final String TYPE = "appmesh";
    /** The mesh's name, App Mesh's {@code Mesh} dimension. */
    public static final String MESH = "mesh";
    static final List<String> PLACEHOLDERS = List.of(MESH);

    static AppMeshRouter read(JsonNode router) {
        return new AppMeshRouter(
                router.get("mesh").asText(),
                router.get("virtualRouter").asText(),
                router.get("route").asText(),
                CloudMapService.read(router.get("cloudMap")),
                VirtualNodeTemplate.read(router.get("virtualNode")));
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "route %s/%s/%s".formatted(mesh, virtualRouter, route);
    }

    @Override
    public Map<String, String> placeholders(TrackedService track) {
        return Map.of(MESH, mesh);
    }
}
