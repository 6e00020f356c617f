package io.meshcanary.port;

import io.meshcanary.rollout.ServiceState;
import io.meshcanary.rollout.TwinAttachment;
import java.util.Optional;

/** The ECS services of an app's two tracks. */
public interface EcsServices {

    /** The service: DRAINING while a deleted one's tasks still stop ({@link ServiceState#draining}), never INACTIVE. */
    Optional<ServiceState> describe(String cluster, String service);

    /**
     * Refuses, with an {@link io.meshcanary.rollout.InvalidInputException} naming the service's field, an app's own
     * service that a twin cannot copy faithfully (a deployment ECS runs itself, a path to it a twin cannot serve, a
     * role the twin would have to pass). Called before anything is created or moved.
     */
    void requireTwinnable(String cluster, String app);

    /**
     * Creates {@code <app>-primary} from the app's own service: same network and capacity, and attached to its own
     * target group where the router needs one.
     */
    void createPrimaryTwin(String cluster, String app, String taskDefinition, TwinAttachment attachment);

    /**
     * Attaches the existing primary twin to its own target group, as {@link #createPrimaryTwin} attaches a new one: a
     * twin made for another router (App Mesh's, before the spec's router changed) is in no group the router weighs.
     * The twin keeps its task definition; ECS registers its tasks in the group.
     */
    void attachPrimaryTwin(String cluster, String app, TwinAttachment attachment);

    /**
     * Creates a judge's equal baseline, {@code <app>-baseline}, from the app's own service as the twin is created,
     * except that it is reached only through its own target group: no other load balancer, no service registry.
     *
     * @param attachment the canary's group and the baseline's own, which takes the place of the twin's
     */
    void createBaseline(String cluster, String app, String taskDefinition, int desiredCount,
            TwinAttachment.TargetGroups attachment);

    void deploy(String cluster, String service, String taskDefinition);

    void scale(String cluster, String service, int desiredCount);

    /** Deletes the service, stopping its tasks; a service that is gone or draining already is no error. */
    void delete(String cluster, String service);
}
