package io.meshcanary.local.ecssim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentStrategy;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.Service;

/** Where one of ECS's own deployments moves production traffic, by the service's network. */
class TrafficShiftTest {

    private static final String V1 = "arn:aws:ecs:us-east-1:123456789012:task-definition/orders:1";
    private static final String V2 = "arn:aws:ecs:us-east-1:123456789012:task-definition/orders:2";
    private static final String ELB = "arn:aws:elasticloadbalancing:us-east-1:123456789012:";
    private static final String RULE = ELB + "listener-rule/app/shop/1/2/3";
    private static final String LISTENER = ELB + "listener/net/shop/1/2";
    private static final String LATTICE_RULE =
            "arn:aws:vpc-lattice:us-east-1:123456789012:service/svc-1/listener/listener-2/rule/rule-3";

    private final FakeFleet fleet = new FakeFleet();
    private final NativeDeployments ecs = new NativeDeployments(fleet);
    private final StandInCalls calls = new StandInCalls(ecs);

    @Test
    void anAlbStepsTheProductionRuleBetweenBlueAndGreen() {
        Service service = linear50(builder -> builder.loadBalancers(balancer(RULE)));

        String deployment = deployAndRun(service, 3);

        assertThat(fleet.forwards).containsExactly("rule " + RULE + " [blue=50, green=50]",
                "rule " + RULE + " [blue=0, green=100]");
        assertThat(calls.describe(deployment).path("status").asText()).isEqualTo("SUCCESSFUL");
    }

    @Test
    void eachRevisionNamesBlueAsItsTargetGroupAndGreenAsItsAlternateAlsoAfterTheGroupsSwapped() {
        Service service = linear50(builder -> builder.loadBalancers(balancer(RULE)));
        String first = deployAndRun(service, 3);
        assertThat(calls.targetRevision(first).at("/loadBalancers/0/targetGroupArn").asText()).isEqualTo("blue");
        assertThat(calls.targetRevision(first).at("/loadBalancers/0/advancedConfiguration/alternateTargetGroupArn")
                .asText()).isEqualTo("green");

        Service v3 = service.toBuilder().taskDefinition(V2.replace(":2", ":3")).build();
        ecs.start(v3, V2);
        ecs.advance(v3, fleet.running, 0);

        JsonNode revision = calls.targetRevision(calls.newestDeployment("shop", "orders"));
        assertThat(revision.at("/loadBalancers/0/targetGroupArn").asText()).as("production, on green since the first")
                .isEqualTo("green");
        assertThat(revision.at("/loadBalancers/0/advancedConfiguration/alternateTargetGroupArn").asText())
                .isEqualTo("blue");
        assertThat(revision.at("/loadBalancers/0/advancedConfiguration/productionListenerRule").asText())
                .isEqualTo(RULE);
    }

    /** Developer Guide, "Network Load Balancer resources for Amazon ECS blue/green, linear and canary deployments". */
    @Test
    void anNlbStepsTheListenersDefaultActionAndWaitsTenMinutesAfterEachStep() {
        Service service = linear50(builder -> builder.loadBalancers(balancer(LISTENER)));

        String deployment = deployAndRun(service, 3);

        assertThat(fleet.forwards).containsExactly("listener " + LISTENER + " [blue=50, green=50]");
        JsonNode settling = calls.describe(deployment);
        assertThat(settling.path("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(settling.path("lifecycleStage").asText()).isEqualTo("PRODUCTION_TRAFFIC_SHIFT");
        assertThat(calls.weights(deployment)).containsExactly(50.0, 50.0);
    }

    /** Developer Guide, "VPC Lattice resources for blue/green, linear, and canary deployments". */
    @Test
    void latticeWaitsAfterScalingUpThenStepsTheProductionRule() throws InterruptedException {
        Service service = linear50(builder -> builder.deployments(Deployment.builder().status("PRIMARY")
                .vpcLatticeConfigurations(lattice -> lattice.targetGroupArn("blue").portName("http")
                        .roleArn("arn:aws:iam::123456789012:role/ecs").advancedConfiguration(advanced -> advanced
                                .alternateTargetGroupArn("green").productionListenerRule(LATTICE_RULE)))
                .build()));

        String deployment = deployAndRun(service, 3);

        assertThat(calls.describe(deployment).path("lifecycleStage").asText()).isEqualTo("POST_SCALE_UP");
        assertThat(fleet.forwards).as("no traffic before Lattice's 3 minutes after scale-up").isEmpty();
        Thread.sleep(NativeDeployments.MINUTE.multipliedBy(3).plusMillis(100).toMillis());
        ecs.advance(service, fleet.running, 0);
        assertThat(fleet.forwards).containsExactly("lattice " + LATTICE_RULE + " [blue=50, green=50]");
        assertThat(calls.describe(deployment).path("lifecycleStage").asText()).isEqualTo("PRODUCTION_TRAFFIC_SHIFT");
    }

    @Test
    void serviceConnectMovesTheDeploymentsWeightsWithGreenUpFirstAndRollsBackToBlue() {
        Service service = linear50(builder -> builder.deployments(Deployment.builder().status("PRIMARY")
                .serviceConnectConfiguration(connect -> connect.enabled(true).namespace("shop.local")).build()));
        service = service.toBuilder().deploymentConfiguration(service.deploymentConfiguration().toBuilder()
                .lifecycleHooks(hook -> hook.targetType("PAUSE").lifecycleStagesWithStrings(
                        "PRE_PRODUCTION_TRAFFIC_SHIFT").timeoutConfiguration(timeout -> timeout.timeoutInMinutes(60)
                        .action("ROLLBACK"))).build()).build();
        String deployment = deployAndRun(service, 2);
        assertThat(fleet.running).as("green at full size before traffic moves").hasSize(2);
        assertThat(calls.weights(deployment)).containsExactly(100.0, 0.0);
        StandInCalls.ok(calls.continueAt(deployment, calls.awaiting(deployment), "CONTINUE"));
        ecs.advance(service, fleet.running, 0);
        assertThat(calls.weights(deployment)).containsExactly(50.0, 50.0);

        StandInCalls.ok(calls.continueAt(deployment, calls.awaiting(deployment), "ROLLBACK"));
        ecs.advance(service, fleet.running, 0);

        assertThat(calls.describe(deployment).path("status").asText()).isEqualTo("ROLLBACK_SUCCESSFUL");
        assertThat(calls.weights(deployment)).containsExactly(100.0, 0.0);
        assertThat(fleet.reverted).containsExactly(V1);
        assertThat(fleet.running).as("green stopped").isEmpty();
        assertThat(fleet.forwards).isEmpty();
    }

    @Test
    void aServiceOnNoNetworkEcsShiftsIsRefusedByName() {
        Service service = linear50(builder -> builder.deployments(Deployment.builder().status("PRIMARY").build()));

        assertThatThrownBy(() -> ecs.start(service, V1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("service orders").hasMessageContaining("Service Connect");
    }

    /** A LINEAR 50% service, with no pause hook, on the network {@code network} sets. */
    private static Service linear50(Consumer<Service.Builder> network) {
        Service.Builder builder = Service.builder().serviceArn("arn:aws:ecs:us-east-1:123456789012:service/shop/orders")
                .serviceName("orders").clusterArn("arn:aws:ecs:us-east-1:123456789012:cluster/shop")
                .taskDefinition(V2).desiredCount(2).deploymentController(controller -> controller.type("ECS"))
                .deploymentConfiguration(configuration -> configuration.strategy(DeploymentStrategy.LINEAR)
                        .linearConfiguration(linear -> linear.stepPercent(50.0).stepBakeTimeInMinutes(0))
                        .bakeTimeInMinutes(0));
        network.accept(builder);
        return builder.build();
    }

    private static LoadBalancer balancer(String production) {
        return LoadBalancer.builder().targetGroupArn("blue").containerName("orders").containerPort(8080)
                .advancedConfiguration(advanced -> advanced.alternateTargetGroupArn("green")
                        .productionListenerRule(production).roleArn("arn:aws:iam::123456789012:role/ecs"))
                .build();
    }

    /** Starts the deployment and lets the simulator's passes move it as far as they can without an answer. */
    private String deployAndRun(Service service, int passes) {
        ecs.start(service, V1);
        for (int pass = 0; pass < passes; pass++) {
            ecs.advance(service, fleet.running, 0);
        }
        return calls.onlyDeployment("shop", "orders");
    }
}
