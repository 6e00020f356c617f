package io.meshcanary.it;

import static io.meshcanary.it.Emulator.AWS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.meshcanary.local.demo.DemoShop;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ConflictException;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHook;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookAction;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookDetail;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookStage;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookTargetType;
import software.amazon.awssdk.services.ecs.model.DeploymentStrategy;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentNotFoundException;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;
import software.amazon.awssdk.services.ecs.model.StopServiceDeploymentStopType;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.vpclattice.model.TargetGroupProtocol;
import software.amazon.awssdk.services.vpclattice.model.TargetGroupType;
import software.amazon.awssdk.services.vpclattice.model.WeightedTargetGroup;

/**
 * The local runtime's stand-in for ECS's own deployments (linear and canary, on an ALB, an NLB, VPC Lattice and
 * Service Connect, with a pause hook before each production traffic step), driven through the ECS API as meshcanary's
 * native mode and an operator drive it: the hooks wait, ContinueServiceDeployment moves the weights one step (the
 * listener rule's on an ALB or in Lattice, the listener's on an NLB, the deployment's on Service Connect), ROLLBACK, a
 * hook's timeout and StopServiceDeployment put all traffic back on blue and the service on its old revision, and bad
 * calls are refused by name.
 */
class NativeDeploymentStandInEmulatorTest {

    private static final int TASKS = 2;

    @Test
    void linearDeploymentPausesBeforeEachStepAndIsPromotedWithBlueGone() throws Exception {
        Native app = Native.behindAlb(linear(10, 0, 60));
        try (HookEvents events = new HookEvents(app.serviceArn)) {
            String deployment = app.deployV2();

            Set<String> hookIds = app.continueAtEachPause(deployment, List.of(0, 10, 20, 30, 40, 50, 60, 70, 80, 90),
                    weight -> {
                        assertThat(app.greenTargets()).as("green at full size before traffic moves").hasSize(TASKS);
                        assertThat(app.greenWeight()).as("the rule's weights while paused").isEqualTo(weight);
                        assertThat(app.describe(deployment).targetServiceRevision()
                                .requestedProductionTrafficWeight()).isEqualTo((double) weight);
                    });

            ServiceDeployment done = app.awaitStatus(deployment, ServiceDeploymentStatus.SUCCESSFUL);
            assertThat(hookIds).hasSize(10);
            assertThat(app.greenWeight()).isEqualTo(100);
            assertThat(app.blueTargets()).as("blue scaled to zero").isEmpty();
            assertThat(app.runningTaskDefinitions()).containsExactly(Map.entry(app.v2, (long) TASKS));
            assertThat(AWS.ecs.describeServiceRevisions(request -> request.serviceRevisionArns(
                    done.targetServiceRevision().arn())).serviceRevisions()).singleElement()
                    .satisfies(revision -> assertThat(revision.taskDefinition()).isEqualTo(app.v2));
            assertThat(AWS.ecs.listServiceDeployments(request -> request.cluster(app.shop.cluster)
                    .service(app.shop.app)).serviceDeployments()).singleElement()
                    .satisfies(brief -> assertThat(brief.status()).isEqualTo(ServiceDeploymentStatus.SUCCESSFUL));
            List<JsonNode> awaiting = events.awaitCount(10);
            assertThat(awaiting).allSatisfy(event -> {
                assertThat(event.path("detail").path("eventName").asText()).isEqualTo("HOOK_AWAITING_ACTION");
                assertThat(event.path("detail").path("serviceDeploymentArn").asText()).isEqualTo(deployment);
                assertThat(event.path("detail").path("lifecycleStage").asText())
                        .isEqualTo("PRE_PRODUCTION_TRAFFIC_SHIFT");
            });
            assertThat(awaiting).extracting(event -> event.path("detail").path("hookId").asText())
                    .containsExactlyInAnyOrderElementsOf(hookIds);
        }
    }

    @Test
    void rollbackAtAPausePutsTrafficBackOnBlueAndTheServiceOnItsOldRevision() {
        Native app = Native.behindAlb(linear(50, 0, 60));
        String deployment = app.deployV2();
        Set<String> seen = new HashSet<>();
        DeploymentLifecycleHookDetail first = app.awaitNewHook(deployment, seen);
        seen.add(first.hookId());
        app.continueAt(deployment, first.hookId(), DeploymentLifecycleHookAction.CONTINUE);
        DeploymentLifecycleHookDetail second = app.awaitNewHook(deployment, seen);
        assertThat(app.greenWeight()).isEqualTo(50);

        assertThatThrownBy(() -> app.continueAt(deployment, first.hookId(), DeploymentLifecycleHookAction.CONTINUE))
                .as("a hook answered before").isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining(first.hookId());
        assertThatThrownBy(() -> app.continueAt(deployment, "ecs-pause-unknown",
                DeploymentLifecycleHookAction.CONTINUE))
                .as("an unknown hook").isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("ecs-pause-unknown");
        assertThat(app.describe(deployment).lifecycleHookDetails()).singleElement()
                .satisfies(hook -> assertThat(hook.hookId()).isEqualTo(second.hookId()));
        app.continueAt(deployment, second.hookId(), DeploymentLifecycleHookAction.ROLLBACK);

        ServiceDeployment rolledBack = app.awaitStatus(deployment, ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL);
        assertThat(rolledBack.statusReason()).contains(second.hookId());
        app.assertBackOnBlue();
        assertThatThrownBy(() -> app.continueAt(deployment, second.hookId(), DeploymentLifecycleHookAction.CONTINUE))
                .as("a finished deployment").isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("ROLLBACK_SUCCESSFUL");
        assertThatThrownBy(() -> app.continueAt(deployment + "x", second.hookId(),
                DeploymentLifecycleHookAction.CONTINUE)).isInstanceOf(ServiceDeploymentNotFoundException.class);
    }

    @Test
    void aHookThatTimesOutTakesItsTimeoutAction() {
        Native app = Native.behindAlb(linear(50, 0, 5));
        String deployment = app.deployV2();
        DeploymentLifecycleHookDetail hook = app.awaitNewHook(deployment, Set.of());
        assertThat(hook.timeoutAction()).isEqualTo(DeploymentLifecycleHookAction.ROLLBACK);

        ServiceDeployment rolledBack = app.awaitStatus(deployment, ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL);

        assertThat(rolledBack.statusReason()).contains(hook.hookId(), "timed out");
        assertThat(rolledBack.lifecycleHookDetails()).singleElement()
                .satisfies(detail -> assertThat(detail.statusAsString()).isEqualTo("TIMED_OUT"));
        app.assertBackOnBlue();
    }

    @Test
    void stopServiceDeploymentBetweenPausesRollsBack() {
        Native app = Native.behindAlb(linear(50, 30, 60));
        String deployment = app.deployV2();
        DeploymentLifecycleHookDetail hook = app.awaitNewHook(deployment, Set.of());
        app.continueAt(deployment, hook.hookId(), DeploymentLifecycleHookAction.CONTINUE);
        Eventually.until(app::greenWeight, weight -> weight == 50, "the first step, baking");

        AWS.ecs.stopServiceDeployment(request -> request.serviceDeploymentArn(deployment)
                .stopType(StopServiceDeploymentStopType.ROLLBACK));

        ServiceDeployment rolledBack = app.awaitStatus(deployment, ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL);
        assertThat(rolledBack.statusReason()).contains("StopServiceDeployment");
        app.assertBackOnBlue();
        assertThatThrownBy(() -> AWS.ecs.stopServiceDeployment(request -> request.serviceDeploymentArn(deployment)
                .stopType(StopServiceDeploymentStopType.ROLLBACK))).isInstanceOf(ConflictException.class)
                .hasMessageContaining("ROLLBACK_SUCCESSFUL");
    }

    @Test
    void aNewerTaskDefinitionStopsTheDeploymentInProgressAndDeploysFromThere() {
        Native app = Native.behindAlb(linear(50, 0, 60));
        String first = app.deployV2();
        app.continueAt(first, app.awaitNewHook(first, Set.of()).hookId(), DeploymentLifecycleHookAction.CONTINUE);
        app.awaitNewHook(first, Set.of(app.describe(first).lifecycleHookDetails().getFirst().hookId()));
        String v3 = app.shop.registerRevision("orders:3");

        AWS.ecs.updateService(request -> request.cluster(app.shop.cluster).service(app.shop.app).taskDefinition(v3));

        ServiceDeployment stopped = app.awaitStatus(first, ServiceDeploymentStatus.STOPPED);
        assertThat(stopped.statusReason()).startsWith("Superseded by service deployment");
        assertThat(app.describe(second(app)).sourceServiceRevisions()).singleElement()
                .satisfies(source -> assertThat(source.arn()).isEqualTo(stopped.sourceServiceRevisions().getFirst()
                        .arn()));
        String second = second(app);
        Set<String> seen = new HashSet<>();
        for (int step = 0; step < 2; step++) {
            DeploymentLifecycleHookDetail hook = app.awaitNewHook(second, seen);
            seen.add(hook.hookId());
            app.continueAt(second, hook.hookId(), DeploymentLifecycleHookAction.CONTINUE);
        }
        app.awaitStatus(second, ServiceDeploymentStatus.SUCCESSFUL);
        assertThat(Eventually.until(app::runningTaskDefinitions, running -> running.size() == 1, "v3 alone"))
                .containsExactly(Map.entry(v3, (long) TASKS));
        assertThat(app.greenWeight()).isEqualTo(100);
    }

    /**
     * Service Connect has no weights a team can set: ECS's proxies carry them, and the service deployment is where they
     * show. Green runs at full size beside blue before any traffic moves.
     */
    @Test
    void canaryOnServiceConnectStartsGreenFirstAndMovesTheDeploymentsWeights() {
        Native app = Native.onServiceConnect(canary(20, 60));
        String deployment = app.deployV2();

        app.continueAtEachPause(deployment, List.of(0, 20), weight -> {
            assertThat(app.runningTaskDefinitions()).as("both revisions at full size while paused at %s%%", weight)
                    .containsOnly(Map.entry(app.v1, (long) TASKS), Map.entry(app.v2, (long) TASKS));
            assertThat(app.weights(deployment)).containsExactly(100.0 - weight, (double) weight);
        });

        app.awaitStatus(deployment, ServiceDeploymentStatus.SUCCESSFUL);
        assertThat(app.weights(deployment)).containsExactly(0.0, 100.0);
        assertThat(Eventually.until(app::runningTaskDefinitions, running -> running.size() == 1, "v2 alone"))
                .containsExactly(Map.entry(app.v2, (long) TASKS));
    }

    @Test
    void rollbackOnServiceConnectPutsTheWeightsBackOnBlueAndTheServiceOnItsOldRevision() {
        Native app = Native.onServiceConnect(linear(50, 0, 60));
        String deployment = app.deployV2();
        DeploymentLifecycleHookDetail first = app.awaitNewHook(deployment, Set.of());
        app.continueAt(deployment, first.hookId(), DeploymentLifecycleHookAction.CONTINUE);
        DeploymentLifecycleHookDetail second = app.awaitNewHook(deployment, Set.of(first.hookId()));
        assertThat(app.weights(deployment)).containsExactly(50.0, 50.0);

        app.continueAt(deployment, second.hookId(), DeploymentLifecycleHookAction.ROLLBACK);

        ServiceDeployment rolledBack = app.awaitStatus(deployment, ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL);
        assertThat(rolledBack.statusReason()).contains(second.hookId());
        assertThat(app.weights(deployment)).containsExactly(100.0, 0.0);
        app.assertServiceOnV1Alone();
    }

    /**
     * An NLB's steps land on its production listener's default action, each followed by the 10 minutes ECS waits for
     * the NLB to carry the new weights (Developer Guide, "Network Load Balancer resources for Amazon ECS blue/green,
     * linear and canary deployments").
     */
    @Test
    void canaryBehindAnNlbStepsTheListenerAndIsPromoted() {
        Native app = Native.behindNlb(canary(20, 60));
        String deployment = app.deployV2();

        app.continueAtEachPause(deployment, List.of(0, 20), weight -> {
            assertThat(app.greenTargets()).as("green at full size before traffic moves").hasSize(TASKS);
            assertThat(app.greenWeight()).as("the listener's weights while paused").isEqualTo(weight);
        });

        app.awaitStatus(deployment, ServiceDeploymentStatus.SUCCESSFUL);
        assertThat(app.greenWeight()).isEqualTo(100);
        assertThat(Eventually.until(app::runningTaskDefinitions, running -> running.size() == 1, "v2 alone"))
                .containsExactly(Map.entry(app.v2, (long) TASKS));
    }

    /**
     * VPC Lattice: the steps land on the production listener rule's weights between the two Lattice groups, after
     * ECS's waits for Lattice's data plane (Developer Guide, "VPC Lattice resources for blue/green, linear, and
     * canary deployments"); a ROLLBACK puts the rule back on blue.
     */
    @Test
    void linearInLatticeStepsTheRuleAndRollsBackToBlue() {
        Native app = Native.inLattice(linear(50, 0, 60));
        String deployment = app.deployV2();
        DeploymentLifecycleHookDetail first = app.awaitNewHook(deployment, Set.of());
        assertThat(app.greenTargets()).as("green at full size in its group before traffic moves").hasSize(TASKS);
        assertThat(app.greenWeight()).isZero();
        app.continueAt(deployment, first.hookId(), DeploymentLifecycleHookAction.CONTINUE);
        DeploymentLifecycleHookDetail second = app.awaitNewHook(deployment, Set.of(first.hookId()));
        assertThat(app.greenWeight()).isEqualTo(50);

        app.continueAt(deployment, second.hookId(), DeploymentLifecycleHookAction.ROLLBACK);

        app.awaitStatus(deployment, ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL);
        app.assertBackOnBlue();
    }

    private static String second(Native app) {
        return Eventually.until(() -> AWS.ecs.listServiceDeployments(request -> request.cluster(app.shop.cluster)
                        .service(app.shop.app).status(ServiceDeploymentStatus.IN_PROGRESS)).serviceDeployments(),
                found -> !found.isEmpty(), "the deployment of v3").getFirst().serviceDeploymentArn();
    }

    /** CANARY at {@code canaryPercent}, and a pause hook before each production traffic step. */
    private static Consumer<DeploymentConfiguration.Builder> canary(int canaryPercent, int hookTimeoutMinutes) {
        return configuration -> configuration.strategy(DeploymentStrategy.CANARY).bakeTimeInMinutes(0)
                .canaryConfiguration(canary -> canary.canaryPercent((double) canaryPercent)
                        .canaryBakeTimeInMinutes(0))
                .lifecycleHooks(pauseBeforeEachStep(hookTimeoutMinutes));
    }

    private static DeploymentLifecycleHook pauseBeforeEachStep(int hookTimeoutMinutes) {
        return DeploymentLifecycleHook.builder().targetType(DeploymentLifecycleHookTargetType.PAUSE)
                .lifecycleStages(DeploymentLifecycleHookStage.PRE_PRODUCTION_TRAFFIC_SHIFT)
                .timeoutConfiguration(timeout -> timeout.timeoutInMinutes(hookTimeoutMinutes)
                        .action(DeploymentLifecycleHookAction.ROLLBACK))
                .build();
    }

    /** LINEAR at {@code stepPercent}, a step bake time, and a pause hook before each production traffic step. */
    private static Consumer<DeploymentConfiguration.Builder> linear(int stepPercent, int stepBakeMinutes,
            int hookTimeoutMinutes) {
        return configuration -> configuration.strategy(DeploymentStrategy.LINEAR).bakeTimeInMinutes(0)
                .linearConfiguration(linear -> linear.stepPercent((double) stepPercent)
                        .stepBakeTimeInMinutes(stepBakeMinutes))
                .lifecycleHooks(pauseBeforeEachStep(hookTimeoutMinutes));
    }

    /** The networks ECS shifts a service's traffic on, as the stand-in runs them. */
    private enum Network { ALB, NLB, LATTICE, SERVICE_CONNECT }

    /**
     * A team's service on ECS's own deployments: behind an ALB rule or an NLB listener, with blue and green target
     * groups, or reached through Service Connect alone, with no target group at all.
     */
    private static final class Native {
        final DemoShop shop = new DemoShop(UUID.randomUUID().toString().substring(0, 8));
        final String v1 = shop.registerRevision("orders:1");
        final String v2 = shop.registerRevision("orders:2");
        final Network network;
        final String blue;
        final String green;
        /** The ALB's production listener rule, or the NLB's production listener. */
        final String production;
        final String serviceArn;

        private Native(Consumer<DeploymentConfiguration.Builder> deployments, Network network) {
            this.network = network;
            if (network == Network.SERVICE_CONNECT) {
                blue = null;
                green = null;
                production = null;
                serviceArn = createService(deployments, request -> request.serviceConnectConfiguration(connect ->
                        connect.enabled(true).namespace(shop.namespace).services(service -> service.portName("http")
                                .clientAliases(alias -> alias.port(8080)))));
                Eventually.until(this::runningTaskDefinitions, running -> running.getOrDefault(v1, 0L) == TASKS,
                        "v1 running");
                return;
            }
            if (network == Network.LATTICE) {
                String service = AWS.lattice.createService(request -> request.name(shop.app)).id();
                String listener = AWS.lattice.createListener(request -> request.serviceIdentifier(service)
                        .name("http").protocol("HTTP").port(80)
                        .defaultAction(action -> action.fixedResponse(fixed -> fixed.statusCode(404)))).id();
                blue = latticeGroup("blue-" + shop.app);
                green = latticeGroup("green-" + shop.app);
                production = AWS.lattice.createRule(request -> request.serviceIdentifier(service)
                        .listenerIdentifier(listener).name("orders").priority(10)
                        .match(match -> match.httpMatch(http -> http.pathMatch(path -> path
                                .match(prefix -> prefix.prefix("/orders")))))
                        .action(action -> action.forward(forward -> forward.targetGroups(
                                WeightedTargetGroup.builder().targetGroupIdentifier(blue).weight(100).build(),
                                WeightedTargetGroup.builder().targetGroupIdentifier(green).weight(0).build()))))
                        .arn();
                serviceArn = createService(deployments, request -> request.vpcLatticeConfigurations(lattice ->
                        lattice.targetGroupArn(blue).portName("http")
                                .roleArn("arn:aws:iam::123456789012:role/ecsInfrastructureRole")
                                .advancedConfiguration(advanced -> advanced.alternateTargetGroupArn(green)
                                        .productionListenerRule(production))));
                Eventually.until(this::blueTargets, targets -> targets.size() == TASKS, "v1 healthy behind blue");
                return;
            }
            boolean alb = network == Network.ALB;
            String vpc = AWS.ec2.describeVpcs(request -> request.filters(filter -> filter.name("is-default")
                    .values("true"))).vpcs().getFirst().vpcId();
            List<String> subnets = AWS.ec2.describeSubnets(request -> request.filters(filter -> filter.name("vpc-id")
                    .values(vpc))).subnets().stream().map(subnet -> subnet.subnetId()).limit(2).toList();
            String balancer = AWS.elb.createLoadBalancer(request -> request.name(shop.cluster).subnets(subnets)
                    .type(alb ? "application" : "network")).loadBalancers().getFirst().loadBalancerArn();
            blue = targetGroup("blue-" + shop.app, vpc, alb ? "HTTP" : "TCP");
            green = targetGroup("green-" + shop.app, vpc, alb ? "HTTP" : "TCP");
            Action forward = Action.builder().type(ActionTypeEnum.FORWARD).forwardConfig(config -> config
                    .targetGroups(tuple(blue, 100), tuple(green, 0))).build();
            String listener = AWS.elb.createListener(request -> request.loadBalancerArn(balancer)
                            .protocol(alb ? "HTTP" : "TCP").port(80).defaultActions(alb ? Action.builder()
                                    .type(ActionTypeEnum.FIXED_RESPONSE)
                                    .fixedResponseConfig(response -> response.statusCode("404")).build() : forward))
                    .listeners().getFirst().listenerArn();
            production = !alb ? listener : AWS.elb.createRule(request -> request.listenerArn(listener).priority(10)
                    .conditions(condition -> condition.field("path-pattern").pathPatternConfig(path -> path
                            .values("/orders*")))
                    .actions(forward)).rules().getFirst().ruleArn();
            serviceArn = createService(deployments, request -> request.loadBalancers(LoadBalancer.builder()
                    .targetGroupArn(blue).containerName("orders").containerPort(8080)
                    .advancedConfiguration(advanced -> advanced.alternateTargetGroupArn(green)
                            .productionListenerRule(production)
                            .roleArn("arn:aws:iam::123456789012:role/ecsInfrastructureRole"))
                    .build()));
            Eventually.until(this::blueTargets, targets -> targets.size() == TASKS, "v1 healthy behind blue");
        }

        static Native behindAlb(Consumer<DeploymentConfiguration.Builder> deployments) {
            return new Native(deployments, Network.ALB);
        }

        static Native behindNlb(Consumer<DeploymentConfiguration.Builder> deployments) {
            return new Native(deployments, Network.NLB);
        }

        static Native inLattice(Consumer<DeploymentConfiguration.Builder> deployments) {
            return new Native(deployments, Network.LATTICE);
        }

        static Native onServiceConnect(Consumer<DeploymentConfiguration.Builder> deployments) {
            return new Native(deployments, Network.SERVICE_CONNECT);
        }

        private String createService(Consumer<DeploymentConfiguration.Builder> deployments,
                Consumer<CreateServiceRequest.Builder> reachedThrough) {
            return AWS.ecs.createService(request -> reachedThrough.accept(request.cluster(shop.cluster)
                            .serviceName(shop.app).taskDefinition(v1).desiredCount(TASKS)
                            .launchType(LaunchType.FARGATE).networkConfiguration(shop.network())
                            .deploymentController(controller -> controller.type("ECS"))
                            .deploymentConfiguration(deployments)))
                    .service().serviceArn();
        }

        /** What a team's pipeline does, then the service deployment ECS started for it. */
        String deployV2() {
            AWS.ecs.updateService(request -> request.cluster(shop.cluster).service(shop.app).taskDefinition(v2));
            return Eventually.until(() -> AWS.ecs.listServiceDeployments(request -> request.cluster(shop.cluster)
                                    .service(shop.app).status(ServiceDeploymentStatus.IN_PROGRESS))
                            .serviceDeployments(), found -> !found.isEmpty(), "the deployment of " + v2)
                    .getFirst().serviceDeploymentArn();
        }

        ServiceDeployment describe(String deployment) {
            return AWS.ecs.describeServiceDeployments(request -> request.serviceDeploymentArns(deployment))
                    .serviceDeployments().getFirst();
        }

        DeploymentLifecycleHookDetail awaitNewHook(String deployment, Set<String> seen) {
            return Eventually.until(() -> describe(deployment).lifecycleHookDetails().stream()
                            .filter(hook -> hook.statusAsString().equals("AWAITING_ACTION")
                                    && !seen.contains(hook.hookId()))
                            .findFirst(), found -> found.isPresent(), "a new hook awaiting action").orElseThrow();
        }

        /**
         * Waits for each pause in turn, checks it with {@code whilePaused} given the weight it should hold at, and
         * answers CONTINUE; the hooks' ids, each new.
         */
        Set<String> continueAtEachPause(String deployment, List<Integer> weights, IntConsumer whilePaused) {
            Set<String> hookIds = new HashSet<>();
            for (int weight : weights) {
                DeploymentLifecycleHookDetail hook = awaitNewHook(deployment, hookIds);
                hookIds.add(hook.hookId());
                whilePaused.accept(weight);
                continueAt(deployment, hook.hookId(), DeploymentLifecycleHookAction.CONTINUE);
            }
            return hookIds;
        }

        void continueAt(String deployment, String hookId, DeploymentLifecycleHookAction action) {
            AWS.ecs.continueServiceDeployment(request -> request.serviceDeploymentArn(deployment).hookId(hookId)
                    .action(action));
        }

        ServiceDeployment awaitStatus(String deployment, ServiceDeploymentStatus status) {
            return Eventually.until(() -> describe(deployment), found -> found.status() == status,
                    "the deployment " + status);
        }

        void assertBackOnBlue() {
            assertThat(greenWeight()).isZero();
            assertServiceOnV1Alone();
            assertThat(greenTargets()).isEmpty();
            assertThat(blueTargets()).hasSize(TASKS);
        }

        void assertServiceOnV1Alone() {
            assertThat(AWS.ecs.describeServices(request -> request.cluster(shop.cluster).services(shop.app))
                    .services().getFirst().taskDefinition()).isEqualTo(v1);
            assertThat(Eventually.until(this::runningTaskDefinitions, running -> !running.containsKey(v2),
                    "green stopped")).containsExactly(Map.entry(v1, (long) TASKS));
        }

        /** Blue's and green's production traffic weights, as the service deployment shows them. */
        List<Double> weights(String deployment) {
            ServiceDeployment described = describe(deployment);
            return List.of(described.sourceServiceRevisions().getFirst().requestedProductionTrafficWeight(),
                    described.targetServiceRevision().requestedProductionTrafficWeight());
        }

        /** Green's share of the production forward: the ALB or Lattice rule's weights, or the NLB listener's. */
        int greenWeight() {
            if (network == Network.LATTICE) {
                String[] path = production.split("/");
                List<WeightedTargetGroup> targets = AWS.lattice.getRule(request -> request.serviceIdentifier(path[1])
                        .listenerIdentifier(path[3]).ruleIdentifier(path[5])).action().forward().targetGroups();
                int total = targets.stream().mapToInt(WeightedTargetGroup::weight).sum();
                int weight = targets.stream().filter(target -> lastSegment(target.targetGroupIdentifier())
                        .equals(lastSegment(green))).mapToInt(WeightedTargetGroup::weight).sum();
                return total == 0 ? 0 : Math.round(100f * weight / total);
            }
            Action forward = network == Network.ALB
                    ? AWS.elb.describeRules(request -> request.ruleArns(production)).rules().getFirst().actions()
                            .getFirst()
                    : AWS.elb.describeListeners(request -> request.listenerArns(production)).listeners().getFirst()
                            .defaultActions().getFirst();
            List<TargetGroupTuple> targets = forward.forwardConfig().targetGroups();
            int total = targets.stream().mapToInt(TargetGroupTuple::weight).sum();
            int weight = targets.stream().filter(target -> target.targetGroupArn().equals(green))
                    .mapToInt(TargetGroupTuple::weight).sum();
            return total == 0 ? 0 : Math.round(100f * weight / total);
        }

        List<String> blueTargets() {
            return targets(blue);
        }

        List<String> greenTargets() {
            return targets(green);
        }

        private static String lastSegment(String identifier) {
            return identifier.substring(identifier.lastIndexOf('/') + 1);
        }

        private List<String> targets(String targetGroup) {
            if (network == Network.LATTICE) {
                return AWS.lattice.listTargets(request -> request.targetGroupIdentifier(targetGroup)).items().stream()
                        .map(target -> target.id()).toList();
            }
            return AWS.elb.describeTargetHealth(request -> request.targetGroupArn(targetGroup))
                    .targetHealthDescriptions().stream().map(target -> target.target().id()).toList();
        }

        Map<String, Long> runningTaskDefinitions() {
            List<String> arns = AWS.ecs.listTasks(request -> request.cluster(shop.cluster)
                    .desiredStatus(DesiredStatus.RUNNING)).taskArns();
            if (arns.isEmpty()) {
                return Map.of();
            }
            return AWS.ecs.describeTasks(request -> request.cluster(shop.cluster).tasks(arns)).tasks().stream()
                    .collect(Collectors.groupingBy(task -> task.taskDefinitionArn(), Collectors.counting()));
        }

        private String latticeGroup(String name) {
            return AWS.lattice.createTargetGroup(request -> request.name(name).type(TargetGroupType.IP)
                    .config(config -> config.port(8080).protocol(TargetGroupProtocol.HTTP)
                            .vpcIdentifier("vpc-" + shop.app))).arn();
        }

        private String targetGroup(String name, String vpc, String protocol) {
            return AWS.elb.createTargetGroup(request -> request.name(name.substring(0, Math.min(32, name.length())))
                            .protocol(protocol).port(8080).vpcId(vpc).targetType("ip"))
                    .targetGroups().getFirst().targetGroupArn();
        }

        private static TargetGroupTuple tuple(String arn, int weight) {
            return TargetGroupTuple.builder().targetGroupArn(arn).weight(weight).build();
        }
    }

    /** The service's hook events, as a rule on the default bus routes them to a queue of the test's own. */
    private static final class HookEvents implements AutoCloseable {
        private final String name = "hook-events-" + UUID.randomUUID().toString().substring(0, 8);
        private final String queueUrl;
        private final List<JsonNode> received = new ArrayList<>();

        HookEvents(String serviceArn) {
            queueUrl = AWS.sqs.createQueue(request -> request.queueName(name)).queueUrl();
            String queueArn = AWS.sqs.getQueueAttributes(request -> request.queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            AWS.events.putRule(request -> request.name(name).eventPattern(("{\"source\":[\"aws.ecs\"],"
                    + "\"detail-type\":[\"ECS Hook State Change\"],\"resources\":[\"%s\"]}").formatted(serviceArn)));
            AWS.events.putTargets(request -> request.rule(name).targets(target -> target.id("queue").arn(queueArn)));
        }

        List<JsonNode> awaitCount(int count) {
            return Eventually.until(() -> {
                for (Message message : AWS.sqs.receiveMessage(request -> request.queueUrl(queueUrl)
                        .maxNumberOfMessages(10)).messages()) {
                    received.add(json(message.body()));
                    AWS.sqs.deleteMessage(request -> request.queueUrl(queueUrl)
                            .receiptHandle(message.receiptHandle()));
                }
                return List.copyOf(received);
            }, events -> events.size() >= count, count + " hook events");
        }

        private static JsonNode json(String text) {
            try {
                return SampleEvents.JSON.readTree(text);
            } catch (JsonProcessingException e) {
                throw new AssertionError("not JSON: " + text, e);
            }
        }

        @Override
        public void close() {
            AWS.events.removeTargets(request -> request.rule(name).ids("queue"));
            AWS.events.deleteRule(request -> request.name(name));
            AWS.sqs.deleteQueue(request -> request.queueUrl(queueUrl));
        }
    }
}
