package io.meshcanary.aws;

import io.meshcanary.model.Track;
import io.meshcanary.port.NodeDirectory;
import io.meshcanary.registry.Endpoint;
import io.meshcanary.registry.Registration;
import io.meshcanary.spec.CloudMapService;
import io.meshcanary.spec.InvalidSpecException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.InstanceNotFoundException;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceSummary;
import software.amazon.awssdk.services.servicediscovery.model.ServiceDiscoveryException;
import software.amazon.awssdk.services.servicediscovery.model.ServiceFilterName;

/**
 * Registers tasks as Cloud Map instances. The {@code track} and {@code revision} attributes are what the per-track
 * virtual nodes filter on; the ECS_* attributes let the resync match instances to tasks.
 */
public final class CloudMapDirectory implements NodeDirectory {

    static final String IPV4 = "AWS_INSTANCE_IPV4";
    static final String PORT = "AWS_INSTANCE_PORT";
    static final String TRACK = "track";
    static final String REVISION = "revision";
    static final String CLUSTER = "ECS_CLUSTER_NAME";
    static final String SERVICE = "ECS_SERVICE_NAME";
    static final String FAMILY = "ECS_TASK_DEFINITION_FAMILY";

    private final ServiceDiscoveryClient cloudMap;
    /** Cloud Map ids never change for a name, so one lookup per execution environment is enough. */
    private final Map<CloudMapService, String> serviceIds = new ConcurrentHashMap<>();
    private final Map<String, String> namespaceIds = new ConcurrentHashMap<>();

    public CloudMapDirectory(ServiceDiscoveryClient cloudMap) {
        this.cloudMap = cloudMap;
    }

    @Override
    public Optional<Registration> find(CloudMapService service, String instanceId) {
        try {
            var attributes = cloudMap.getInstance(request -> request.serviceId(serviceId(service))
                    .instanceId(instanceId)).instance().attributes();
            return Optional.of(fromAttributes(instanceId, attributes));
        } catch (InstanceNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<Registration> list(CloudMapService service) {
        try {
            return cloudMap.listInstancesPaginator(request -> request.serviceId(serviceId(service))).stream()
                    .flatMap(page -> page.instances().stream())
                    .map(instance -> fromAttributes(instance.id(), instance.attributes()))
                    .toList();
        } catch (ServiceDiscoveryException e) {
            throw new RegistryException("list the instances of Cloud Map service %s/%s".formatted(
                    service.namespace(), service.service()), e);
        }
    }

    @Override
    public void register(CloudMapService service, Registration registration) {
        cloudMap.registerInstance(request -> request.serviceId(serviceId(service))
                .instanceId(registration.instanceId())
                .attributes(attributes(registration)));
    }

    @Override
    public boolean deregister(CloudMapService service, String instanceId) {
        try {
            cloudMap.deregisterInstance(request -> request.serviceId(serviceId(service)).instanceId(instanceId));
            return true;
        } catch (InstanceNotFoundException e) {
            return false;
        }
    }

    static Map<String, String> attributes(Registration registration) {
        return Map.of(
                IPV4, registration.endpoint().address(),
                PORT, Integer.toString(registration.endpoint().port()),
                TRACK, registration.track().label(),
                REVISION, registration.revision(),
                CLUSTER, registration.cluster(),
                SERVICE, registration.service(),
                FAMILY, registration.taskDefinitionFamily());
    }

    /** Reads back what {@link #attributes} wrote; a foreign instance simply compares unequal. */
    private static Registration fromAttributes(String instanceId, Map<String, String> attributes) {
        String track = attributes.getOrDefault(TRACK, "");
        String port = attributes.getOrDefault(PORT, "");
        return new Registration(instanceId,
                new Endpoint(attributes.get(IPV4), port.matches("\\d{1,5}") ? Integer.parseInt(port) : -1),
                track.matches("primary|canary") ? Track.valueOf(track.toUpperCase(Locale.ROOT)) : null,
                attributes.get(REVISION), attributes.get(CLUSTER), attributes.get(SERVICE), attributes.get(FAMILY));
    }

    /**
     * A service's id. A miss lists the whole namespace and learns every service's id in it: the resync asks for each
     * onboarded app's in turn, and a listing per app would read the namespace's pages once per app.
     */
    private String serviceId(CloudMapService service) {
        String known = serviceIds.get(service);
        if (known != null) {
            return known;
        }
        String namespaceId = namespaceIds.computeIfAbsent(service.namespace(), this::lookUpNamespaceId);
        cloudMap.listServicesPaginator(request -> request.filters(filter -> filter
                        .name(ServiceFilterName.NAMESPACE_ID).values(namespaceId)))
                .stream()
                .flatMap(page -> page.services().stream())
                .forEach(summary -> serviceIds.putIfAbsent(new CloudMapService(service.namespace(), summary.name()),
                        summary.id()));
        return Optional.ofNullable(serviceIds.get(service)).orElseThrow(() -> new InvalidSpecException(
                "router.cloudMap.service", "Cloud Map namespace %s has no service %s".formatted(service.namespace(),
                        service.service())));
    }

    private String lookUpNamespaceId(String namespace) {
        return cloudMap.listNamespacesPaginator(request -> { }).stream()
                .flatMap(page -> page.namespaces().stream())
                .filter(summary -> summary.name().equals(namespace))
                .map(NamespaceSummary::id)
                .findFirst()
                .orElseThrow(() -> new InvalidSpecException("router.cloudMap.namespace",
                        "Cloud Map has no namespace " + namespace));
    }
}
