package io.meshcanary.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshcanary.model.Track;
import io.meshcanary.model.TrackedService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An Application Load Balancer listener rule whose forward action weighs the two tracks' target groups. The rule's
 * conditions, priority, other actions, stickiness and other target groups belong to the team and are kept.
 *
 * @param ruleArn the listener rule that meshcanary adopts; it must exist
 * @param targetGroupArn the target group the user's service (the canary track) is attached to
 */
public record AlbRouter(String ruleArn, String targetGroupArn) implements RouterSpec {

    public static final String TYPE = "alb";
    /** The load balancer, as its {@code LoadBalancer} dimension names it: {@code app/<name>/<id>}. */
    public static final String LOAD_BALANCER = "loadBalancer";
    /** The track's target group, as its {@code TargetGroup} dimension names it: {@code targetgroup/<name>/<id>}. */
    public static final String TARGET_GROUP = "targetGroup";
    static final List<String> PLACEHOLDERS = List.of(LOAD_BALANCER, TARGET_GROUP);

    private static final String RULE = ":listener-rule/";

    public AlbRouter {
        Objects.requireNonNull(ruleArn, "ruleArn");
        Objects.requireNonNull(targetGroupArn, "targetGroupArn");
    }

    static AlbRouter read(JsonNode router) {
        return new AlbRouter(router.get("ruleArn").asText(), router.get("targetGroupArn").asText());
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "listener rule " + ruleArn;
    }

    @Override
    public Optional<String> canaryTargetGroup() {
        return Optional.of(targetGroupArn);
    }

    /**
     * The load balancer for either track; the target group for the canary only, since the primary's is created at
     * bootstrap and no spec names it.
     */
    @Override
    public Map<String, String> placeholders(TrackedService track) {
        Map<String, String> values = new LinkedHashMap<>();
        // ...:listener-rule/app/<name>/<id>/<listener id>/<rule id>
        int rule = ruleArn.indexOf(RULE);
        if (rule >= 0) {
            String[] parts = ruleArn.substring(rule + RULE.length()).split("/");
            if (parts.length >= 3) {
                values.put(LOAD_BALANCER, String.join("/", parts[0], parts[1], parts[2]));
            }
        }
        if (track.track() == Track.CANARY) {
            values.putAll(targetGroupPlaceholders(targetGroupArn));
        }
        return values;
    }

    @Override
    public Map<String, String> targetGroupPlaceholders(String targetGroup) {
        // ...:targetgroup/<name>/<id>
        return Map.of(TARGET_GROUP, targetGroup.substring(targetGroup.lastIndexOf(':') + 1));
    }
}
