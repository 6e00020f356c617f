package io.meshcanary.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.model.Track;
import io.meshcanary.registry.Endpoint;
import io.meshcanary.registry.Registration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudMapDirectoryTest {

    @Test
    void registrationBecomesAddressPortTrackRevisionAndEcsAttributes() {
        Registration canary = new Registration("task-1", new Endpoint("10.0.1.23", 8080), Track.CANARY, "7", "shop",
                "orders", "orders");

        assertThat(CloudMapDirectory.attributes(canary)).isEqualTo(Map.of(
                "AWS_INSTANCE_IPV4", "10.0.1.23",
                "AWS_INSTANCE_PORT", "8080",
                "track", "canary",
                "revision", "7",
                "ECS_CLUSTER_NAME", "shop",
                "ECS_SERVICE_NAME", "orders",
                "ECS_TASK_DEFINITION_FAMILY", "orders"));
    }

    @Test
    void bridgeTaskIsReachedOnItsHostAddressAndHostPort() {
        Registration bridged = new Registration("task-3", new Endpoint("10.0.3.14", 32768), Track.PRIMARY, "6", "shop",
                "orders-primary", "orders");

        assertThat(CloudMapDirectory.attributes(bridged))
                .containsEntry("AWS_INSTANCE_IPV4", "10.0.3.14")
                .containsEntry("AWS_INSTANCE_PORT", "32768")
                .containsEntry("track", "primary")
                .containsEntry("ECS_SERVICE_NAME", "orders-primary");
    }
}
