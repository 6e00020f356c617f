package io.meshcanary.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.rollout.TwinAttachment;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.VpcLatticeConfiguration;

/**
 * The twin's VPC Lattice attachment, against the ECS API reference's shapes: the emulator stores no
 * {@code vpcLatticeConfigurations}, so an in-memory client describes a service whose PRIMARY deployment carries them.
 */
class EcsServiceControlLatticeTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/ecsInfrastructureRoleForLattice";
    private static final String CANARY = "arn:aws:vpc-lattice:eu-west-1:123456789012:targetgroup/tg-0000000000000c0a1";
    private static final String OTHER = "arn:aws:vpc-lattice:eu-west-1:123456789012:targetgroup/tg-00000000000000b0b";
    private static final String PRIMARY = "arn:aws:vpc-lattice:eu-west-1:123456789012:targetgroup/tg-0000000000000001";

    private final RecordingEcs ecs = new RecordingEcs(Service.builder().serviceName("orders")
            .status("ACTIVE").taskDefinition("arn:aws:ecs:eu-west-1:123456789012:task-definition/orders:7")
            .desiredCount(2).runningCount(2).launchType("FARGATE")
            .deployments(deployment -> deployment.status("ACTIVE").vpcLatticeConfigurations(lattice(OTHER)),
                    deployment -> deployment.status("PRIMARY").vpcLatticeConfigurations(lattice(CANARY),
                            lattice(OTHER)))
            .build());
    private final EcsServiceControl control = new EcsServiceControl(ecs);

    @Test
    void canaryTargetGroupsAreReadFromThePrimaryDeploymentsLatticeConfigurations() {
        assertThat(control.describe("shop", "orders").orElseThrow().targetGroups()).containsExactly(CANARY, OTHER);
    }

    @Test
    void twinTakesTheCanarysLatticeConfigurationWithItsOwnTargetGroup() {
        control.createPrimaryTwin("shop", "orders", "arn:aws:ecs:eu-west-1:123456789012:task-definition/orders:7",
                new TwinAttachment.VpcLattice(CANARY, PRIMARY));

        assertThat(ecs.created).singleElement().satisfies(request -> {
            assertThat(request.serviceName()).isEqualTo("orders-primary");
            assertThat(request.vpcLatticeConfigurations()).containsExactly(lattice(PRIMARY));
            assertThat(request.hasLoadBalancers()).isFalse();
        });
    }

    private static VpcLatticeConfiguration lattice(String targetGroup) {
        return VpcLatticeConfiguration.builder().roleArn(ROLE).targetGroupArn(targetGroup).portName("http").build();
    }
}
