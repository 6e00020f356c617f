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
    /** The Lattice service's ID, as its {@code Service} dimension in {@code AWS/VpcLattice} names it. */
    public static final String LATTICE_SERVICE = "latticeService";
    /** The track's target group ID, as its {@code TargetGroup} dimension in {@code AWS/VpcLattice} names it. */
    public static final String TARGET_GROUP = AlbRouter.TARGET_GROUP;
    static final List<String> PLACEHOLDERS = List.of(LATTICE_SERVICE, TARGET_GROUP);

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

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "Lattice rule %s/%s/%s".formatted(service, listener, rule);
    }

    @Override
    public Optional<String> canaryTargetGroup() {
        return Optional.of(targetGroupArn);
    }

    /** The service for either track; the target group for the canary only, as for {@link AlbRouter}. */
    @Override
    public Map<String, String> placeholders(TrackedService track) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(LATTICE_SERVICE, idOf(service));
        if (track.track() == Track.CANARY) {
            values.putAll(targetGroupPlaceholders(targetGroupArn));
        }
        return values;
    }

    @Override
    public Map<String, String> targetGroupPlaceholders(String targetGroup) {
        return Map.of(TARGET_GROUP, idOf(targetGroup));
    }

    /** An ID stays an ID; an ARN ({@code arn:...:targetgroup/tg-...}) becomes its last part. */
    public static String idOf(String identifier) {
        return identifier.substring(identifier.lastIndexOf('/') + 1);
    }
}
