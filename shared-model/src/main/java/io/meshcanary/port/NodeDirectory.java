package io.meshcanary.port;

import io.meshcanary.registry.Registration;
import io.meshcanary.spec.CloudMapService;
import java.util.Optional;

/** The service registry (Cloud Map) in which mesh nodes discover the tasks of each track. */
public interface NodeDirectory {

    Optional<Registration> find(CloudMapService service, String instanceId);

    /** Creates or replaces the instance. */
    void register(CloudMapService service, Registration registration);

    /** @return false when there was no such instance */
    boolean deregister(CloudMapService service, String instanceId);
}
