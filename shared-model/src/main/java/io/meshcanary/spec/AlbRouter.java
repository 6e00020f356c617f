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
        Map<String, String> values = new LinkedHashMap<>(loadBalancerPlaceholders(ruleArn));
        if (track.track() == Track.CANARY) {
            values.putAll(targetGroupPlaceholders(targetGroupArn));
        }
        return values;
    }

    @Override
    public Map<String, String> targetGroupPlaceholders(String targetGroup) {
        return Map.of(TARGET_GROUP, targetGroupDimension(targetGroup));
    }

    /** An ELB target group's {@code TargetGroup} dimension: its ARN's {@code targetgroup/<name>/<id>}. */
    public static String targetGroupDimension(String targetGroupArn) {
        return targetGroupArn.substring(targetGroupArn.lastIndexOf(':') + 1);
    }

    /**
     * The {@code LoadBalancer} dimension of the load balancer a listener or listener rule belongs to, from its ARN
     * ({@code ...:listener-rule/app/<name>/<id>/<listener id>/<rule id>}, or {@code ...:listener/net/<name>/<id>/...}
     * on an NLB): {@code app/<name>/<id>}; none for an ARN of another shape.
     */
    public static Map<String, String> loadBalancerPlaceholders(String listenerOrRuleArn) {
        String[] parts = listenerOrRuleArn.substring(listenerOrRuleArn.lastIndexOf(':') + 1).split("/");
        boolean listener = parts.length >= 4 && (parts[0].equals("listener-rule") || parts[0].equals("listener"));
        return !listener ? Map.of()
                : Map.of(LOAD_BALANCER, String.join("/", parts[1], parts[2], parts[3]));
    }
}
