package io.meshcanary.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshcanary.model.TrackedService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The router section of a spec: which provider moves the app's traffic, and its coordinates there. Migrating from
 * one provider to another changes only this section; steps, analysis, gates and timeouts stay as they are.
 *
 * <p>Each provider's spec type says what the use cases need to know of it (which metric placeholders it fills), so
 * that no use case asks which provider it has; where the tasks are registered the router factory says. Adding a provider adds its type
 * here and in {@link #read}.
 */
public sealed interface RouterSpec permits AppMeshRouter, AlbRouter, LatticeRouter, EcsDeployment {

    /** The spec's {@code router.type}. */
    String type();

    /** Whether meshcanary moves the weights through this router (twin) or ECS's own deployment does (native). */
    default Mode mode() {
        return Mode.TWIN;
    }

    /** What moves the weights, in words for messages: {@code route mesh/router/route} or the rule's ARN. */
    String describe();

    /**
     * The target group the user's own service (the canary track) is attached to, for the routers that weigh target
     * groups; the primary twin gets a target group of its own, shaped like this one. Empty for a router whose tasks
     * the node registry registers itself.
     */
    default Optional<String> canaryTargetGroup() {
        return Optional.empty();
    }

    /**
     * The router's own metric placeholders and their values for the track, in CloudWatch's dimension format. Only
     * what the spec itself names can be filled in: a router that creates the primary's resource at bootstrap has no
     * value for it here.
     */
    Map<String, String> placeholders(TrackedService track);

    /**
     * The router's placeholders for a target group the spec does not name (the twin's, which the rollout record
     * keeps), in CloudWatch's dimension format; none for a router that weighs no target groups.
     */
    default Map<String, String> targetGroupPlaceholders(String targetGroupArn) {
        return Map.of();
    }

    /**
     * The placeholders whose values the provider gives per revision once a rollout reads the service's revisions,
     * rather than the spec: ECS's own deployment runs both revisions in one service, each in its own target group.
     */
    default List<String> revisionPlaceholders() {
        return List.of();
    }

    /**
     * The placeholders some router fills in, for the parser to tell a misspelt one from another router's. A method,
     * not a constant: an interface constant would be initialized with the first router type, before that type's own.
     */
    static List<String> placeholderNames() {
        return Stream.of(AppMeshRouter.PLACEHOLDERS, AlbRouter.PLACEHOLDERS, LatticeRouter.PLACEHOLDERS)
                .flatMap(List::stream).distinct().toList();
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
