package io.meshcanary.port;

import io.meshcanary.rollout.ServiceState;
import java.util.Optional;

/** The ECS services of an app's two tracks. */
public interface EcsServices {

    Optional<ServiceState> describe(String cluster, String service);

    /** Creates {@code <app>-primary} from the app's own service: same network, load balancers and capacity. */
    void createPrimaryTwin(String cluster, String app, String taskDefinition);

    void deploy(String cluster, String service, String taskDefinition);

    void scale(String cluster, String service, int desiredCount);
}
