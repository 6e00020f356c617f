package io.meshcanary.local.ecssim;

import static io.meshcanary.local.ecssim.EcsJson.JSON;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.VpcLatticeConfiguration;

/**
 * A service revision: what the service ran, as DescribeServiceRevisions shows it (ServiceRevision, API reference:
 * {@code loadBalancers} with their {@code advancedConfiguration}, {@code vpcLatticeConfigurations} likewise).
 */
record ServiceRevision(String arn, String serviceArn, String clusterArn, String taskDefinition,
        List<LoadBalancer> loadBalancers, List<VpcLatticeConfiguration> latticeConfigurations, Instant createdAt) {

    ObjectNode json() {
        ObjectNode revision = JSON.createObjectNode().put("serviceRevisionArn", arn).put("serviceArn", serviceArn)
                .put("clusterArn", clusterArn).put("taskDefinition", taskDefinition)
                .put("createdAt", EcsJson.seconds(createdAt));
        ArrayNode balancers = revision.putArray("loadBalancers");
        loadBalancers.forEach(balancer -> {
            ObjectNode json = balancers.addObject().put("targetGroupArn", balancer.targetGroupArn())
                    .put("containerName", balancer.containerName()).put("containerPort", balancer.containerPort());
            Optional.ofNullable(balancer.advancedConfiguration()).ifPresent(advanced -> json
                    .putObject("advancedConfiguration")
                    .put("alternateTargetGroupArn", advanced.alternateTargetGroupArn())
                    .put("productionListenerRule", advanced.productionListenerRule())
                    .put("roleArn", advanced.roleArn()));
        });
        ArrayNode lattice = revision.putArray("vpcLatticeConfigurations");
        latticeConfigurations.forEach(configuration -> {
            ObjectNode json = lattice.addObject().put("roleArn", configuration.roleArn())
                    .put("targetGroupArn", configuration.targetGroupArn()).put("portName", configuration.portName());
            Optional.ofNullable(configuration.advancedConfiguration()).ifPresent(advanced -> json
                    .putObject("advancedConfiguration")
                    .put("alternateTargetGroupArn", advanced.alternateTargetGroupArn())
                    .put("productionListenerRule", advanced.productionListenerRule()));
        });
        return revision;
    }
}
