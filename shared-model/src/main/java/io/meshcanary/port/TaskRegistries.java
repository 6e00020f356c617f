package io.meshcanary.port;

import io.meshcanary.registry.TaskRegistry;
import io.meshcanary.spec.RouterSpec;
import java.util.Optional;

/**
 * Hands out where a spec's router finds the app's tasks through registrations meshcanary keeps (App Mesh's Cloud Map
 * service and per-track virtual nodes). The router factory answers, so the node registry and the resync never ask
 * which provider a spec names.
 */
@FunctionalInterface
public interface TaskRegistries {

    /** Empty where ECS attaches the tasks to the router itself (a target group), and keeps them there. */
    Optional<TaskRegistry> registry(RouterSpec router);
}
