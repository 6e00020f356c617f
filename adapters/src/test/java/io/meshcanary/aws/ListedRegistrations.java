package io.meshcanary.aws;

import io.meshcanary.port.NodeDirectory;
import io.meshcanary.registry.Registration;
import io.meshcanary.spec.CloudMapService;
import java.util.List;
import java.util.Optional;

/** A Cloud Map service that lists the registrations it is given and takes no writes. */
record ListedRegistrations(List<Registration> registrations) implements NodeDirectory {

    @Override
    public Optional<Registration> find(CloudMapService service, String instanceId) {
        return registrations.stream().filter(registration -> registration.instanceId().equals(instanceId)).findFirst();
    }

    @Override
    public List<Registration> list(CloudMapService service) {
        return registrations;
    }

    @Override
    public void register(CloudMapService service, Registration registration) {
        throw new UnsupportedOperationException("a router only reads the registrations");
    }

    @Override
    public boolean deregister(CloudMapService service, String instanceId) {
        throw new UnsupportedOperationException("a router only reads the registrations");
    }
}
