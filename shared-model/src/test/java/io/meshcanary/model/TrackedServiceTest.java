package io.meshcanary.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TrackedServiceTest {

    @Test
    void usersOwnServiceIsTheCanaryTrackOfItsApp() {
        assertThat(TrackedService.fromTaskGroup("service:orders")).contains(new TrackedService("orders", Track.CANARY));
    }

    @Test
    void primaryTwinIsThePrimaryTrackOfTheSameApp() {
        assertThat(TrackedService.fromTaskGroup("service:orders-primary"))
                .contains(new TrackedService("orders", Track.PRIMARY));
    }

    @Test
    void serviceNamedOnlyBySuffixIsNotMistakenForATwin() {
        assertThat(TrackedService.fromServiceName("-primary")).isEqualTo(new TrackedService("-primary", Track.CANARY));
    }

    @ParameterizedTest(name = "group \"{0}\" belongs to no service")
    @NullAndEmptySource
    @ValueSource(strings = {"family:x", "family:orders", "service:", "SERVICE:orders", "orders"})
    void taskGroupOfNoServiceHasNoTrack(String group) {
        assertThat(TrackedService.fromTaskGroup(group)).isEmpty();
    }

    @Test
    void eachTrackNamesItsEcsServiceAndVirtualNode() {
        TrackedService canary = new TrackedService("orders", Track.CANARY);
        TrackedService primary = new TrackedService("orders", Track.PRIMARY);

        assertThat(canary.serviceName()).isEqualTo("orders");
        assertThat(canary.virtualNodeName()).isEqualTo("orders-canary");
        assertThat(primary.serviceName()).isEqualTo("orders-primary");
        assertThat(primary.virtualNodeName()).isEqualTo("orders-primary");
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders", "orders-primary", "payment-gateway-primary"})
    void serviceNameSurvivesTheRoundTripThroughItsTrack(String serviceName) {
        assertThat(TrackedService.fromServiceName(serviceName).serviceName()).isEqualTo(serviceName);
    }

    @Test
    void blankAppIsRejected() {
        assertThatThrownBy(() -> new TrackedService(" ", Track.CANARY)).isInstanceOf(IllegalArgumentException.class);
    }
}
