package io.meshcanary.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A VPC Lattice listener rule whose forward action weighs the two tracks' target groups. Lattice addresses a rule
 * by service, listener and rule; each may be given as an ID or an ARN. The rule's match, priority and other target
 * groups belong to the team and are kept.
 *
 * @param targetGroupArn the target group the user's service (the canary track) is attached to, as ECS names it in
 *        the service's {@code vpcLatticeConfigurations}
 */
public record LatticeRouter(String service, String listener, String rule, String targetGroupArn)
        implements RouterSpec {

    public static final String TYPE = "vpc-lattice";

    public LatticeRouter {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(targetGroupArn, "targetGroupArn");
    }

    static LatticeRouter read(JsonNode router) {
        return new LatticeRouter(router.get("service").asText(), router.get("listener").asText(),
                router.get("rule").asText(), router.get("targetGroupArn").asText());
    }
}
