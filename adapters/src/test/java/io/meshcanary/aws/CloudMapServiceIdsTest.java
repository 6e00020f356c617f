package io.meshcanary.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshcanary.spec.CloudMapService;
import io.meshcanary.spec.InvalidSpecException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryServiceClientConfiguration;
import software.amazon.awssdk.services.servicediscovery.model.ListInstancesRequest;
import software.amazon.awssdk.services.servicediscovery.model.ListInstancesResponse;
import software.amazon.awssdk.services.servicediscovery.model.ListNamespacesRequest;
import software.amazon.awssdk.services.servicediscovery.model.ListNamespacesResponse;
import software.amazon.awssdk.services.servicediscovery.model.ListServicesRequest;
import software.amazon.awssdk.services.servicediscovery.model.ListServicesResponse;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceSummary;
import software.amazon.awssdk.services.servicediscovery.model.ServiceSummary;

/**
 * The resync lists every onboarded app's registrations in turn: the Cloud Map ids of a namespace's services come from
 * one listing of the namespace, not one per app, so its calls grow with the apps and not with their square.
 */
class CloudMapServiceIdsTest {

    private final CountingCloudMap cloudMap = new CountingCloudMap("shop.local", "orders", "payments", "carts");
    private final CloudMapDirectory directory = new CloudMapDirectory(cloudMap);

    @Test
    void everyAppOfANamespaceIsListedAfterOneListingOfItsServices() {
        for (String app : List.of("orders", "payments", "carts")) {
            directory.list(new CloudMapService("shop.local", app));
        }

        assertThat(cloudMap.calls).containsExactly("ListNamespaces", "ListServices", "ListServices",
                "ListInstances srv-orders", "ListInstances srv-payments", "ListInstances srv-carts");
    }

    @Test
    void aServiceCreatedSinceTheListingIsFoundByListingAgain() {
        directory.list(new CloudMapService("shop.local", "orders"));
        cloudMap.services.add("reviews");

        directory.list(new CloudMapService("shop.local", "reviews"));

        assertThat(cloudMap.calls).containsExactly("ListNamespaces", "ListServices", "ListServices",
                "ListInstances srv-orders", "ListServices", "ListServices", "ListInstances srv-reviews");
    }

    @Test
    void aServiceTheNamespaceLacksIsASpecError() {
        assertThatThrownBy(() -> directory.list(new CloudMapService("shop.local", "nope")))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("has no service nope");
        assertThatThrownBy(() -> directory.list(new CloudMapService("other.local", "orders")))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("no namespace other.local");
    }

    /** Cloud Map with one namespace whose services come two to a page, counting the calls made. */
    private static final class CountingCloudMap implements ServiceDiscoveryClient {

        private final String namespace;
        private final List<String> services;
        private final List<String> calls = new ArrayList<>();

        CountingCloudMap(String namespace, String... services) {
            this.namespace = namespace;
            this.services = new ArrayList<>(List.of(services));
        }

        @Override
        public ListNamespacesResponse listNamespaces(ListNamespacesRequest request) {
            calls.add("ListNamespaces");
            return ListNamespacesResponse.builder().namespaces(NamespaceSummary.builder().id("ns-1").name(namespace)
                    .build()).build();
        }

        @Override
        public ListServicesResponse listServices(ListServicesRequest request) {
            calls.add("ListServices");
            int from = request.nextToken() == null ? 0 : Integer.parseInt(request.nextToken());
            int to = Math.min(from + 2, services.size());
            return ListServicesResponse.builder()
                    .services(services.subList(from, to).stream()
                            .map(name -> ServiceSummary.builder().id("srv-" + name).name(name).build()).toList())
                    .nextToken(to < services.size() ? String.valueOf(to) : null).build();
        }

        @Override
        public ListInstancesResponse listInstances(ListInstancesRequest request) {
            calls.add("ListInstances " + request.serviceId());
            return ListInstancesResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "servicediscovery";
        }

        @Override
        public ServiceDiscoveryServiceClientConfiguration serviceClientConfiguration() {
            return null;
        }

        @Override
        public void close() {
        }
    }
}
