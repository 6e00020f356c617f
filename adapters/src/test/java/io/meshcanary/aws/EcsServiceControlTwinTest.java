package io.meshcanary.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.rollout.TwinAttachment;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.AvailabilityZoneRebalancing;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.PropagateTags;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceVolumeConfiguration;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * The twin is a faithful copy of the team's service, against the ECS API reference's shapes: the emulator stores
 * none of these properties but tags, so an in-memory client describes the team's service.
 */
class EcsServiceControlTwinTest {

    private static final DeploymentConfiguration DEPLOYMENT = DeploymentConfiguration.builder()
            .deploymentCircuitBreaker(breaker -> breaker.enable(true).rollback(true))
            .alarms(alarms -> alarms.alarmNames("orders-5xx").enable(true).rollback(true))
            .minimumHealthyPercent(100).maximumPercent(200).build();
    private static final ServiceVolumeConfiguration VOLUME = ServiceVolumeConfiguration.builder().name("scratch")
            .managedEBSVolume(ebs -> ebs.sizeInGiB(20).roleArn("arn:aws:iam::123456789012:role/ebs")).build();

    private final RecordingEcs ecs = new RecordingEcs(Service.builder().serviceName("orders")
            .status("ACTIVE").taskDefinition("arn:aws:ecs:eu-west-1:123456789012:task-definition/orders:7")
            .desiredCount(2).runningCount(2).launchType("FARGATE")
            .deploymentConfiguration(DEPLOYMENT)
            .healthCheckGracePeriodSeconds(45)
            .enableECSManagedTags(true)
            .propagateTags(PropagateTags.SERVICE)
            .availabilityZoneRebalancing(AvailabilityZoneRebalancing.ENABLED)
            .tags(Tag.builder().key("team").value("checkout").build(),
                    Tag.builder().key("aws:cloudformation:stack-name").value("orders").build())
            .deployments(deployment -> deployment.status("PRIMARY").volumeConfigurations(VOLUME))
            .build());

    @Test
    void twinCopiesEveryPropertyThatChangesHowTheServiceRunsOrIsReached() {
        new EcsServiceControl(ecs).createPrimaryTwin("shop", "orders",
                "arn:aws:ecs:eu-west-1:123456789012:task-definition/orders:7", TwinAttachment.NONE);

        assertThat(ecs.described.getFirst().includeAsStrings()).contains("TAGS");
        assertThat(ecs.created).singleElement().satisfies(request -> {
            assertThat(request.deploymentConfiguration()).isEqualTo(DEPLOYMENT);
            assertThat(request.healthCheckGracePeriodSeconds()).isEqualTo(45);
            assertThat(request.enableECSManagedTags()).isTrue();
            assertThat(request.propagateTags()).isEqualTo(PropagateTags.SERVICE);
            assertThat(request.availabilityZoneRebalancing()).isEqualTo(AvailabilityZoneRebalancing.ENABLED);
            assertThat(request.volumeConfigurations()).containsExactly(VOLUME);
            assertThat(request.tags()).extracting(Tag::key).as("aws: tags are AWS's to set")
                    .containsExactlyInAnyOrder("team", "meshcanary:managed-by");
        });
    }
}
