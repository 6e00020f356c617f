package io.meshcanary.nativemode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NativeServiceTest {

    private static final List<String> BEHIND_ALB = List.of("load balancer targetgroup/orders-blue/1a2b");

    @Test
    void linearServiceHasTheGridOfItsStep() {
        NativeService orders = new NativeService("orders", "ECS", "LINEAR", OptionalDouble.of(25),
                OptionalDouble.empty(), BEHIND_ALB, List.of(), List.of());

        assertThat(orders.grid()).isEqualTo(TrafficGrid.linear(25));
    }

    @Test
    void unsetPercentagesTakeEcsDefaults() {
        assertThat(service("LINEAR").grid()).isEqualTo(TrafficGrid.linear(10));
        assertThat(service("CANARY").grid()).isEqualTo(TrafficGrid.canary(5));
        assertThat(service("BLUE_GREEN").grid()).isEqualTo(TrafficGrid.blueGreen());
    }

    @Test
    void rollingServiceIsRefusedWithWhatTheTeamWouldChange() {
        assertThatThrownBy(() -> service("ROLLING").grid()).isInstanceOf(UnfitServiceException.class)
                .hasMessage("service orders uses ECS's ROLLING deployment, which has no traffic step to pause at: set"
                        + " its deploymentConfiguration.strategy to LINEAR, CANARY or BLUE_GREEN, or onboard it with"
                        + " \"mode\": \"twin\"");
    }

    @ParameterizedTest(name = "a service deployed by {0} is refused by name")
    @CsvSource({"CODE_DEPLOY", "EXTERNAL"})
    void serviceOfAnotherControllerIsRefusedByName(String controller) {
        NativeService orders = new NativeService("orders", controller, "ROLLING", OptionalDouble.empty(),
                OptionalDouble.empty(), BEHIND_ALB, List.of(), List.of());

        assertThatThrownBy(orders::grid).isInstanceOf(UnfitServiceException.class)
                .hasMessageStartingWith("service orders is deployed by its " + controller + " deployment controller")
                .hasMessageContaining("deploymentController ECS").hasMessageEndingWith("\"mode\": \"twin\"");
    }

    @Test
    void serviceWithNothingToShiftIsRefused() {
        NativeService orders = new NativeService("orders", "ECS", "LINEAR", OptionalDouble.empty(),
                OptionalDouble.empty(), List.of(), List.of(), List.of());

        assertThatThrownBy(orders::grid).hasMessage("service orders has no load balancer, Service Connect or VPC"
                + " Lattice configuration, so its LINEAR deployment has no traffic to shift: give it one");
    }

    @Test
    void whatEcsRequiresAndTheServiceLacksIsNamed() {
        NativeService orders = new NativeService("orders", "ECS", "CANARY", OptionalDouble.empty(),
                OptionalDouble.empty(), BEHIND_ALB, List.of("loadBalancers[0].advancedConfiguration is missing"),
                List.of());

        assertThatThrownBy(orders::grid).hasMessage("service orders lacks what ECS's CANARY deployment requires:"
                + " loadBalancers[0].advancedConfiguration is missing");
    }

    @Test
    void onlyServiceConnectCannotTellTheRevisionsApart() {
        NativeService connected = new NativeService("orders", "ECS", "LINEAR", OptionalDouble.empty(),
                OptionalDouble.empty(), List.of(NativeService.SERVICE_CONNECT), List.of(), List.of());
        NativeService alsoBalanced = new NativeService("orders", "ECS", "LINEAR", OptionalDouble.empty(),
                OptionalDouble.empty(), List.of(NativeService.SERVICE_CONNECT, BEHIND_ALB.getFirst()), List.of(),
                List.of());

        assertThat(connected.tellsRevisionsApart()).isFalse();
        assertThat(alsoBalanced.tellsRevisionsApart()).isTrue();
        assertThat(service("LINEAR").tellsRevisionsApart()).isTrue();
    }

    @Test
    void aTeamsOwnPauseWhereMeshcanarysStopsIsRefusedNamingItAndWhatTheTeamWouldChange() {
        NativeService orders = new NativeService("orders", "ECS", "LINEAR", OptionalDouble.empty(),
                OptionalDouble.empty(), BEHIND_ALB, List.of(),
                List.of("deploymentConfiguration.lifecycleHooks[1] (PRE_PRODUCTION_TRAFFIC_SHIFT)"));

        assertThatThrownBy(orders::grid).isInstanceOf(UnfitServiceException.class).hasMessage("service orders has a"
                + " PAUSE hook of its own where meshcanary's pause hook stops: deploymentConfiguration.lifecycleHooks[1]"
                + " (PRE_PRODUCTION_TRAFFIC_SHIFT). ECS reports a waiting pause with neither its stage nor its"
                + " hookDetails, so meshcanary could not tell its own pause from the team's and would answer both:"
                + " move the team's pause to another stage (POST_SCALE_UP, say) or take it off");
    }

    private static NativeService service(String strategy) {
        return new NativeService("orders", "ECS", strategy, OptionalDouble.empty(), OptionalDouble.empty(),
                BEHIND_ALB, List.of(), List.of());
    }
}
