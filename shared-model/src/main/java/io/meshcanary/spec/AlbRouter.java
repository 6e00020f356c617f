package io.meshcanary.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * An Application Load Balancer listener rule whose forward action weighs the two tracks' target groups. The rule's
 * conditions, priority, other actions, stickiness and other target groups belong to the team and are kept.
 *
 * @param ruleArn the listener rule that meshcanary adopts; it must exist
 * @param targetGroupArn the target group the user's service (the canary track) is attached to
 */
public record AlbRouter(String ruleArn, String targetGroupArn) implements RouterSpec {

    public static final String TYPE = "alb";

    public AlbRouter {
        Objects.requireNonNull(ruleArn, "ruleArn");
        Objects.requireNonNull(targetGroupArn, "targetGroupArn");
    }

    static AlbRouter read(JsonNode router) {
        return new AlbRouter(router.get("ruleArn").asText(), router.get("targetGroupArn").asText());
    }
}
