package io.meshcanary.local.ecssim;

import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * Where one of ECS's own deployments moves production traffic, by the network the service is on (Developer Guide,
 * "Required resources for Amazon ECS blue/green deployments" and the linear and canary pages, which take the same
 * resources): an ALB's production listener rule, an NLB's production listener, or Service Connect, whose weights
 * live in ECS's proxies and show only as the deployment's requested weights.
 */
sealed interface TrafficShift permits TrafficShift.ListenerRule, TrafficShift.Listener, TrafficShift.ServiceConnect {

    /** Sends {@code greenWeight} percent of production traffic to green and the rest to blue. */
    void apply(NativeDeployments.Fleet fleet, double greenWeight);

    /** The target group green's tasks register in, where the network has one. */
    Optional<String> greenGroup();

    /** How many minutes ECS waits after each traffic step for the network to carry the new weights. */
    default int settleMinutes() {
        return 0;
    }

    /**
     * The service's production traffic, {@code production} being the target group that serves it now. The load
     * balancer's {@code advancedConfiguration.productionListenerRule} is a listener rule on an ALB and a listener on
     * an NLB (AdvancedConfiguration, API reference); a service with none and Service Connect enabled on its
     * current deployment shifts through Service Connect.
     */
    static TrafficShift of(Service service, Optional<String> production) {
        Optional<LoadBalancer> balancer = service.loadBalancers().stream()
                .filter(candidate -> candidate.advancedConfiguration() != null).findFirst();
        if (balancer.isPresent()) {
            String main = balancer.get().targetGroupArn();
            String alternate = balancer.get().advancedConfiguration().alternateTargetGroupArn();
            String blue = production.orElse(main);
            String green = blue.equals(main) ? alternate : main;
            String listener = balancer.get().advancedConfiguration().productionListenerRule();
            return listener.contains(":listener-rule/") ? new ListenerRule(listener, blue, green)
                    : new Listener(listener, blue, green);
        }
        boolean serviceConnect = service.deployments().stream()
                .filter(deployment -> "PRIMARY".equals(deployment.status()))
                .anyMatch(deployment -> deployment.serviceConnectConfiguration() != null
                        && Boolean.TRUE.equals(deployment.serviceConnectConfiguration().enabled()));
        if (!serviceConnect) {
            throw new IllegalStateException(("service %s: ECS runs %s deployments behind a load balancer with"
                    + " advancedConfiguration, on Service Connect or on VPC Lattice; the stand-in runs the first two")
                    .formatted(service.serviceName(), service.deploymentConfiguration().strategyAsString()));
        }
        return new ServiceConnect();
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
        public int settleMinutes() {
            return 10;
        }

        @Override
        public Optional<String> greenGroup() {
            return Optional.of(green);
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
