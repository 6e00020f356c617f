package io.meshcanary.local.ecssim;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.VpcLatticeConfiguration;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.vpclattice.model.RuleAction;
import software.amazon.awssdk.services.vpclattice.model.WeightedTargetGroup;

/**
 * Where one of ECS's own deployments moves production traffic, by the network the service is on (Developer Guide,
 * "Required resources for Amazon ECS blue/green deployments" and the linear and canary pages, which take the same
 * resources): an ALB's production listener rule, an NLB's production listener, a VPC Lattice listener rule, or Service
 * Connect, whose weights live in ECS's proxies and show only as the deployment's requested weights.
 */
sealed interface TrafficShift permits TrafficShift.ListenerRule, TrafficShift.Listener, TrafficShift.LatticeRule,
        TrafficShift.ServiceConnect {

    /** Sends {@code greenWeight} percent of production traffic to green and the rest to blue. */
    void apply(NativeDeployments.Fleet fleet, double greenWeight);

    /** The target group green's tasks register in, where the network has one. */
    Optional<String> greenGroup();

    /** How long, in ECS's time, ECS waits after each traffic step for the network to carry the new weights. */
    default Duration settleAfterShift() {
        return Duration.ZERO;
    }

    /** How long, in ECS's time, ECS waits after scaling green up for its targets to be reachable. */
    default Duration settleAfterScaleUp() {
        return Duration.ZERO;
    }

    /**
     * The service's production traffic, {@code production} being the target group that serves it now. The load
     * balancer's {@code advancedConfiguration.productionListenerRule} is a listener rule on an ALB and a listener on
     * an NLB (AdvancedConfiguration, API reference); a VPC Lattice configuration's is a Lattice listener rule
     * (VpcLatticeAdvancedConfiguration); a service with neither and Service Connect enabled on its current
     * deployment shifts through Service Connect.
     */
    static TrafficShift of(Service service, Optional<String> production) {
        Optional<LoadBalancer> balancer = service.loadBalancers().stream()
                .filter(candidate -> candidate.advancedConfiguration() != null).findFirst();
        if (balancer.isPresent()) {
            String main = balancer.get().targetGroupArn();
            String blue = production.orElse(main);
            String green = idle(blue, main, balancer.get().advancedConfiguration().alternateTargetGroupArn());
            String listener = balancer.get().advancedConfiguration().productionListenerRule();
            return listener.contains(":listener-rule/") ? new ListenerRule(listener, blue, green)
                    : new Listener(listener, blue, green);
        }
        Optional<VpcLatticeConfiguration> lattice = latticeConfigurations(service).stream()
                .filter(configuration -> configuration.advancedConfiguration() != null).findFirst();
        if (lattice.isPresent()) {
            String main = lattice.get().targetGroupArn();
            String blue = production.orElse(main);
            return new LatticeRule(lattice.get().advancedConfiguration().productionListenerRule(), blue,
                    idle(blue, main, lattice.get().advancedConfiguration().alternateTargetGroupArn()));
        }
        boolean serviceConnect = service.deployments().stream()
                .filter(deployment -> "PRIMARY".equals(deployment.status()))
                .anyMatch(deployment -> deployment.serviceConnectConfiguration() != null
                        && Boolean.TRUE.equals(deployment.serviceConnectConfiguration().enabled()));
        if (!serviceConnect) {
            throw new IllegalStateException(("service %s: ECS runs %s deployments behind a load balancer or a VPC"
                    + " Lattice configuration with advancedConfiguration, or on Service Connect, and it has none")
                    .formatted(service.serviceName(), service.deploymentConfiguration().strategyAsString()));
        }
        return new ServiceConnect();
    }

    /** The service's VPC Lattice configurations, which ECS keeps on its current (PRIMARY) deployment. */
    static List<VpcLatticeConfiguration> latticeConfigurations(Service service) {
        return service.deployments().stream().filter(deployment -> "PRIMARY".equals(deployment.status()))
                .flatMap(deployment -> deployment.vpcLatticeConfigurations().stream()).toList();
    }

    /** The group that serves no production traffic: the alternate while the main one serves it, else the main one. */
    private static String idle(String production, String main, String alternate) {
        return production.equals(main) ? alternate : main;
    }

    /** An ALB: the forward weights of the production listener rule between the two target groups. */
    record ListenerRule(String ruleArn, String blue, String green) implements TrafficShift {
        @Override
        public void apply(NativeDeployments.Fleet fleet, double greenWeight) {
            fleet.forwardRule(ruleArn, forward(blue, green, greenWeight));
        }

        @Override
        public Optional<String> greenGroup() {
            return Optional.of(green);
        }
    }

    /**
     * An NLB: the production listener's default action, weighted between the two target groups. ECS adds a 10-minute
     * delay to PRODUCTION_TRAFFIC_SHIFT, as an NLB's data plane may lag the weights it is given (Developer Guide,
     * "Network Load Balancer resources for Amazon ECS blue/green, linear and canary deployments").
     */
    record Listener(String listenerArn, String blue, String green) implements TrafficShift {
        @Override
        public void apply(NativeDeployments.Fleet fleet, double greenWeight) {
            fleet.forwardListener(listenerArn, forward(blue, green, greenWeight));
        }

        @Override
        public Duration settleAfterShift() {
            return Duration.ofMinutes(10);
        }

        @Override
        public Optional<String> greenGroup() {
            return Optional.of(green);
        }
    }

    /**
     * VPC Lattice: the forward weights of the production listener rule between the two Lattice target groups. ECS
     * waits about 3 minutes after scaling up and about 90 seconds after each weight change for Lattice's data plane
     * (Developer Guide, "VPC Lattice resources for blue/green, linear, and canary deployments").
     */
    record LatticeRule(String ruleArn, String blue, String green) implements TrafficShift {
        @Override
        public void apply(NativeDeployments.Fleet fleet, double greenWeight) {
            int weight = (int) Math.round(greenWeight);
            fleet.forwardLattice(ruleArn, RuleAction.builder().forward(forward -> forward.targetGroups(
                    WeightedTargetGroup.builder().targetGroupIdentifier(blue).weight(100 - weight).build(),
                    WeightedTargetGroup.builder().targetGroupIdentifier(green).weight(weight).build())).build());
        }

        @Override
        public Optional<String> greenGroup() {
            return Optional.of(green);
        }

        @Override
        public Duration settleAfterShift() {
            return Duration.ofSeconds(90);
        }

        @Override
        public Duration settleAfterScaleUp() {
            return Duration.ofMinutes(3);
        }
    }

    /** Service Connect: ECS's proxies take the weights; nothing else of the account shows them. */
    record ServiceConnect() implements TrafficShift {
        @Override
        public void apply(NativeDeployments.Fleet fleet, double greenWeight) {
            // The deployment's requested weights are all there is to see.
        }

        @Override
        public Optional<String> greenGroup() {
            return Optional.empty();
        }
    }

    private static Action forward(String blue, String green, double greenWeight) {
        int weight = (int) Math.round(greenWeight);
        return Action.builder().type(ActionTypeEnum.FORWARD).forwardConfig(forward -> forward.targetGroups(
                TargetGroupTuple.builder().targetGroupArn(blue).weight(100 - weight).build(),
                TargetGroupTuple.builder().targetGroupArn(green).weight(weight).build())).build();
    }
}
