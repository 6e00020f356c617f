package io.meshcanary.testing;

import io.meshcanary.port.NodeDirectory;
import io.meshcanary.registry.Registration;
import io.meshcanary.spec.CloudMapService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Cloud Map in memory: instances keyed by service and instance id. Every register or deregister call is a write. */
public final class FakeDirectory implements NodeDirectory {

    private final Map<CloudMapService, Map<String, Registration>> services = new HashMap<>();
    private int writes;
    private String unreadable;
    private Runnable beforeNextRegister = () -> { };

    /** An instance that exists before the test acts; it does not count as a write. */
    public FakeDirectory given(CloudMapService service, Registration registration) {
        services.computeIfAbsent(service, any -> new HashMap<>()).put(registration.instanceId(), registration);
        return this;
    }

    /** From now on every listing fails, as one of a deleted Cloud Map service does. */
    public FakeDirectory unreadable(String why) {
        this.unreadable = why;
        return this;
    }

    @Override
    public Optional<Registration> find(CloudMapService service, String instanceId) {
        return Optional.ofNullable(services.getOrDefault(service, Map.of()).get(instanceId));
    }

    @Override
    public List<Registration> list(CloudMapService service) {
        if (unreadable != null) {
            throw new IllegalStateException("list the instances of Cloud Map service %s/%s: %s"
                    .formatted(service.namespace(), service.service(), unreadable));
        }
        return List.copyOf(services.getOrDefault(service, Map.of()).values());
    }

    /**
     * Runs {@code interleaved} once, just before the next register call lands: what another invocation does between
     * this one's read of ECS and its write (Lambda runs the events of one task side by side).
     */
    public FakeDirectory beforeNextRegister(Runnable interleaved) {
        this.beforeNextRegister = interleaved;
        return this;
    }

    @Override
    public void register(CloudMapService service, Registration registration) {
        Runnable interleaved = beforeNextRegister;
        beforeNextRegister = () -> { };
        interleaved.run();
        writes++;
        services.computeIfAbsent(service, any -> new HashMap<>()).put(registration.instanceId(), registration);
    }

    @Override
    public boolean deregister(CloudMapService service, String instanceId) {
        writes++;
        return services.getOrDefault(service, new HashMap<>()).remove(instanceId) != null;
    }

    public Map<String, Registration> instances(CloudMapService service) {
        return Map.copyOf(services.getOrDefault(service, Map.of()));
    }

    /** Every service's instances; services left empty are dropped, so equal snapshots mean equal registrations. */
    public Map<CloudMapService, Map<String, Registration>> snapshot() {
        Map<CloudMapService, Map<String, Registration>> copy = new HashMap<>();
        services.forEach((service, instances) -> {
            if (!instances.isEmpty()) {
                copy.put(service, Map.copyOf(instances));
            }
        });
        return Map.copyOf(copy);
    }

    public int writes() {
        return writes;
    }
}
