package io.meshcanary.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.rollout.TwinAttachment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AvailabilityZoneRebalancing;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.CreateServiceResponse;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DescribeServicesRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.PropagateTags;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceVolumeConfiguration;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * The twin is a faithful copy of the team's service, against the ECS API reference's shapes: the emulator stores
 * none of these properties but tags, so an in-memory client answers DescribeServices and records CreateService.
 */
class EcsServiceControlTwinTest {

    private static final DeploymentConfiguration DEPLOYMENT = DeploymentConfiguration.builder()
            .deploymentCircuitBreaker(breaker -> breaker.enable(true).rollback(true))
            .alarms(alarms -> alarms.alarmNames("orders-5xx").enable(true).rollback(true))
            .minimumHealthyPercent(100).maximumPercent(200).build();
    private static final ServiceVolumeConfiguration VOLUME = ServiceVolumeConfiguration.builder().name("scratch")
            .managedEBSVolume(ebs -> ebs.sizeInGiB(20).roleArn("arn:aws:iam::123456789012:role/ebs")).build();

    private final List<DescribeServicesRequest> described = new ArrayList<>();
    private final List<CreateServiceRequest> created = new ArrayList<>();
    private final EcsClient ecs = new EcsClient() {
        @Override
        public DescribeServicesResponse describeServices(DescribeServicesRequest request) {
            described.add(request);
            return DescribeServicesResponse.builder().services(Service.builder().serviceName("orders")
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
                    .build()).build();
        }

        @Override
        public CreateServiceResponse createService(CreateServiceRequest request) {
            created.add(request);
            return CreateServiceResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return SERVICE_NAME;
        }

        @Override
        public void close() {
        }
    };

    @Test
    void twinCopiesEveryPropertyThatChangesHowTheServiceRunsOrIsReached() {
        new EcsServiceControl(ecs).createPrimaryTwin("shop", "orders",
                "arn:aws:ecs:eu-west-1:123456789012:task-definition/orders:7", TwinAttachment.NONE);

        assertThat(described.getFirst().includeAsStrings()).contains("TAGS");
        assertThat(created).singleElement().satisfies(request -> {
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
