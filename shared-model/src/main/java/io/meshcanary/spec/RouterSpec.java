package io.meshcanary.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The router section of a spec: which provider moves the app's traffic, and its coordinates there. Migrating from
 * one provider to another changes only this section; steps, analysis, gates and timeouts stay as they are.
 */
public sealed interface RouterSpec permits AppMeshRouter, AlbRouter, LatticeRouter {

    /** The spec's {@code router.type}. */
    default String type() {
        return switch (this) {
            case AppMeshRouter mesh -> AppMeshRouter.TYPE;
            case AlbRouter rule -> AlbRouter.TYPE;
            case LatticeRouter rule -> LatticeRouter.TYPE;
        };
    }

    /** What moves the weights, in words for messages: {@code route mesh/router/route} or the rule's ARN. */
    default String describe() {
        return switch (this) {
            case AppMeshRouter mesh -> "route %s/%s/%s".formatted(mesh.mesh(), mesh.virtualRouter(), mesh.route());
            case AlbRouter rule -> "listener rule " + rule.ruleArn();
            case LatticeRouter rule -> "Lattice rule %s/%s/%s".formatted(rule.service(), rule.listener(), rule.rule());
        };
    }

    /**
     * The target group the user's own service (the canary track) is attached to, for the routers that weigh target
     * groups; the primary twin gets a target group of its own, shaped like this one. App Mesh routes to virtual
     * nodes instead, whose tasks the node registry registers itself.
     */
    default Optional<String> canaryTargetGroup() {
        return switch (this) {
            case AppMeshRouter mesh -> Optional.empty();
            case AlbRouter rule -> Optional.of(rule.targetGroupArn());
            case LatticeRouter rule -> Optional.of(rule.targetGroupArn());
        };
    }

    /** Reads a router section that the schema has already validated. */
    static RouterSpec read(JsonNode router) {
        String type = router.path("type").asText();
        return switch (type) {
            case AppMeshRouter.TYPE -> AppMeshRouter.read(router);
            case AlbRouter.TYPE -> AlbRouter.read(router);
            case LatticeRouter.TYPE -> LatticeRouter.read(router);
            default -> throw new InvalidSpecException("type", "is not a known router type, was \"" + type + "\"");
        };
    }
}
