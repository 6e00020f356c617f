package io.meshcanary.spec;

import io.meshcanary.model.TrackedService;
import java.util.List;
import java.util.Map;

/**
 * The router of a native spec, which names none: ECS's own deployment moves the service's traffic, through the load
 * balancers, Service Connect or Lattice configuration the service itself carries. meshcanary writes no route for it.
 */
public record EcsDeployment() implements RouterSpec {

    public static final String TYPE = "ecs";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Mode mode() {
        return Mode.NATIVE;
    }

    @Override
    public String describe() {
        return "the service's own ECS deployment";
    }

    /** Each revision's target group and load balancer, read from the service's revisions (ALB, NLB, Lattice). */
    @Override
    public List<String> revisionPlaceholders() {
        return List.of(AlbRouter.LOAD_BALANCER, AlbRouter.TARGET_GROUP);
    }

    /** None from the spec: what tells the two revisions apart is the service's, read from its revisions. */
    @Override
    public Map<String, String> placeholders(TrackedService track) {
        return Map.of();
    }
}
