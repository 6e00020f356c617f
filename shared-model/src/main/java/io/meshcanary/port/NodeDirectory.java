package io.meshcanary.port;

import io.meshcanary.registry.Registration;
import io.meshcanary.spec.CloudMapService;
import java.util.List;
import java.util.Optional;

/** The service registry (Cloud Map) in which mesh nodes discover the tasks of each track. */
public interface NodeDirectory {

    Optional<Registration> find(CloudMapService service, String instanceId);

    /** Every instance of the service, whoever registered it. */
    List<Registration> list(CloudMapService service);

    /** Creates or replaces the instance. */
    void register(CloudMapService service, Registration registration);

    /** @return false when there was no such instance */
    boolean deregister(CloudMapService service, String instanceId);
}
