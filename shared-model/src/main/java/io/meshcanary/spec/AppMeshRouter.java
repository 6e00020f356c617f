package io.meshcanary.spec;

/**
 * The App Mesh coordinates of an app: the route whose weights move, and how its per-track virtual nodes are
 * discovered and shaped.
 */
public record AppMeshRouter(String mesh, String virtualRouter, String route, CloudMapService cloudMap,
        VirtualNodeTemplate virtualNode) {

    static AppMeshRouter read(JsonFields fields) {
        return new AppMeshRouter(
                fields.text("mesh"),
                fields.text("virtualRouter"),
                fields.text("route"),
                CloudMapService.read(fields.object("cloudMap")),
                VirtualNodeTemplate.read(fields.object("virtualNode")));
    }
}
