package io.meshcanary.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.meshcanary.rollout.InvalidInputException;
import io.meshcanary.rollout.TwinAttachment;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.AvailabilityZoneRebalancing;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookStage;
import software.amazon.awssdk.services.ecs.model.DeploymentStrategy;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.PropagateTags;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceRegistry;
import software.amazon.awssdk.services.ecs.model.ServiceVolumeConfiguration;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * The twin is a faithful copy of the team's service, against the ECS API reference's shapes: the emulator stores
 * none of these properties but tags, so an in-memory client describes the team's service.
 */
class EcsServiceControlTwinTest {

    private static final String REVISION = "arn:aws:ecs:eu-west-1:123456789012:task-definition/orders:7";
    private static final String TEAM_GROUP = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/orders/1";
    private static final String TWIN_GROUP =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/orders-primary/2";
    private static final TwinAttachment BEHIND_ALB = new TwinAttachment.LoadBalancer(TEAM_GROUP,
            TWIN_GROUP);
    private static final DeploymentConfiguration DEPLOYMENT = DeploymentConfiguration.builder()
            .deploymentCircuitBreaker(breaker -> breaker.enable(true).rollback(true))
            .alarms(alarms -> alarms.alarmNames("orders-5xx").enable(true).rollback(true))
            .minimumHealthyPercent(100).maximumPercent(200).build();
    /** The team's paths to its service: the routed group, an internal load balancer's, and Cloud Map. */
    private static final LoadBalancer ROUTED = LoadBalancer.builder().targetGroupArn(TEAM_GROUP).containerName("orders")
            .containerPort(8080).build();
    private static final LoadBalancer INTERNAL = LoadBalancer.builder()
            .targetGroupArn("arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/orders-internal/3")
            .containerName("orders").containerPort(8081).build();
    private static final ServiceRegistry CLOUD_MAP = ServiceRegistry.builder()
            .registryArn("arn:aws:servicediscovery:eu-west-1:123456789012:service/srv-orders").build();
    private static final Service TEAM = Service.builder().serviceName("orders")
            .status("ACTIVE").taskDefinition(REVISION)
            .desiredCount(2).runningCount(2).launchType("FARGATE")
            .deploymentConfiguration(DEPLOYMENT)
            .healthCheckGracePeriodSeconds(45)
            .enableECSManagedTags(true)
            .propagateTags(PropagateTags.SERVICE)
            .availabilityZoneRebalancing(AvailabilityZoneRebalancing.ENABLED)
            .tags(Tag.builder().key("team").value("checkout").build(),
                    Tag.builder().key("aws:cloudformation:stack-name").value("orders").build())
            .deployments(deployment -> deployment.status("PRIMARY"))
            .build();

    @Test
    void twinCopiesEveryPropertyThatChangesHowTheServiceRunsOrIsReached() {
        RecordingEcs ecs = new RecordingEcs(TEAM);

        new EcsServiceControl(ecs).createPrimaryTwin("shop", "orders", REVISION, TwinAttachment.NONE);

        assertThat(ecs.described.getFirst().includeAsStrings()).contains("TAGS");
        assertThat(ecs.created).singleElement().satisfies(request -> {
            assertThat(request.deploymentConfiguration()).isEqualTo(DEPLOYMENT);
            assertThat(request.healthCheckGracePeriodSeconds()).isEqualTo(45);
            assertThat(request.enableECSManagedTags()).isTrue();
            assertThat(request.propagateTags()).isEqualTo(PropagateTags.SERVICE);
            assertThat(request.availabilityZoneRebalancing()).isEqualTo(AvailabilityZoneRebalancing.ENABLED);
            assertThat(request.tags()).extracting(Tag::key).as("aws: tags are AWS's to set")
                    .containsExactlyInAnyOrder("team", "meshcanary:managed-by");
        });
    }

    /**
     * The twin holds production weight while promotion replaces its tasks: whatever the team saves on, it keeps its
     * old tasks until new ones are healthy, with room for the new ones next to them.
     */
    @Test
    void twinKeepsItsOldTasksUntilNewOnesServeWhateverTheTeamsMinimum() {
        DeploymentConfiguration inPlace = DEPLOYMENT.toBuilder().minimumHealthyPercent(0).maximumPercent(100).build();
        RecordingEcs ecs = new RecordingEcs(TEAM.toBuilder().deploymentConfiguration(inPlace).build());

        new EcsServiceControl(ecs).createPrimaryTwin("shop", "orders", REVISION, BEHIND_ALB);

        assertThat(ecs.created.getFirst().deploymentConfiguration())
                .isEqualTo(inPlace.toBuilder().minimumHealthyPercent(100).maximumPercent(200).build());
    }

    /**
     * Others reach the team's service through a second load balancer (an internal one, here) and Cloud Map: once the
     * team's service sits at zero, only the twin's tasks can answer them.
     */
    @Test
    void twinKeepsEveryOtherPathToTheService() {
        RecordingEcs ecs = new RecordingEcs(TEAM.toBuilder().loadBalancers(ROUTED, INTERNAL)
                .serviceRegistries(CLOUD_MAP).build());

        new EcsServiceControl(ecs).createPrimaryTwin("shop", "orders", REVISION, BEHIND_ALB);

        assertThat(ecs.created).singleElement().satisfies(request -> {
            assertThat(request.loadBalancers()).containsExactly(
                    ROUTED.toBuilder().targetGroupArn(TWIN_GROUP).build(), INTERNAL);
            assertThat(request.serviceRegistries()).containsExactly(CLOUD_MAP);
        });
    }

    /**
     * A judge's equal baseline runs like the twin but is reached through its own group alone: traffic on the team's
     * other paths would reach the old revision outside the weights the judge compares.
     */
    @Test
    void anEqualBaselineRunsLikeTheTwinOnItsOwnGroupAloneAtTheCountItIsGiven() {
        RecordingEcs ecs = new RecordingEcs(TEAM.toBuilder().loadBalancers(ROUTED, INTERNAL)
                .serviceRegistries(CLOUD_MAP).build());
        String baselineGroup = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/orders-baseline/4";

        new EcsServiceControl(ecs).createBaseline("shop", "orders", REVISION, 1,
                new TwinAttachment.LoadBalancer(TEAM_GROUP, baselineGroup));

        assertThat(ecs.created).singleElement().satisfies(request -> {
            assertThat(request.serviceName()).isEqualTo("orders-baseline");
            assertThat(request.taskDefinition()).isEqualTo(REVISION);
            assertThat(request.desiredCount()).isEqualTo(1);
            assertThat(request.loadBalancers()).containsExactly(ROUTED.toBuilder().targetGroupArn(baselineGroup)
                    .build());
            assertThat(request.serviceRegistries()).isEmpty();
            assertThat(request.deploymentConfiguration().minimumHealthyPercent()).isEqualTo(100);
            assertThat(request.healthCheckGracePeriodSeconds()).isEqualTo(45);
            assertThat(request.tags()).extracting(Tag::key).containsExactlyInAnyOrder("team", "meshcanary:managed-by");
            assertThat(request.clientToken()).as("made again under the same name for each rollout").isNull();
        });
    }

    /**
     * A baseline deleted by the last rollout drains until its tasks stop: it is described so, as ECS answers, and
     * not deleted again (ECS refuses to change a service that is not ACTIVE; RecordingEcs answers no DeleteService).
     */
    @Test
    void aDrainingServiceIsDescribedDrainingAndNotDeletedAgain() {
        EcsServiceControl control = new EcsServiceControl(new RecordingEcs(TEAM.toBuilder().status("DRAINING")
                .build()));

        assertThat(control.describe("shop", "orders")).hasValueSatisfying(state -> assertThat(state.draining())
                .isTrue());
        control.delete("shop", "orders");
    }

    @Test
    void serviceConnectIsRefusedByNamePointingToTheNativeMode() {
        assertRefused(team -> team.deployments(deployment -> deployment.status("PRIMARY")
                        .serviceConnectConfiguration(connect -> connect.enabled(true).namespace("shop"))),
                "serviceConnectConfiguration", "native");
    }

    @Test
    void deploymentsEcsRunsItselfAreRefusedByName() {
        assertRefused(team -> team.deploymentController(controller -> controller
                .type(DeploymentControllerType.CODE_DEPLOY)), "deploymentController CODE_DEPLOY", "native");
        for (DeploymentStrategy strategy : new DeploymentStrategy[] {DeploymentStrategy.BLUE_GREEN,
                DeploymentStrategy.LINEAR, DeploymentStrategy.CANARY}) {
            assertRefused(team -> team.deploymentConfiguration(DEPLOYMENT.toBuilder().strategy(strategy).build()),
                    "deploymentConfiguration.strategy " + strategy, "native");
        }
    }

    @Test
    void rolesTheTwinWouldHaveToPassAreRefusedByName() {
        assertRefused(team -> team.deploymentConfiguration(DEPLOYMENT.toBuilder().lifecycleHooks(hook -> hook
                        .hookTargetArn("arn:aws:lambda:eu-west-1:123456789012:function:orders-hook")
                        .roleArn("arn:aws:iam::123456789012:role/orders-hooks")
                        .lifecycleStages(DeploymentLifecycleHookStage.POST_SCALE_UP)).build()),
                "deploymentConfiguration.lifecycleHooks", "roleArn");
        assertRefused(team -> team.loadBalancers(LoadBalancer.builder().targetGroupArn(TEAM_GROUP)
                        .containerName("orders").containerPort(8080).advancedConfiguration(advanced -> advanced
                                .alternateTargetGroupArn(TWIN_GROUP)
                                .roleArn("arn:aws:iam::123456789012:role/ecs-blue-green")).build()),
                "loadBalancers.advancedConfiguration", "roleArn");
        ServiceVolumeConfiguration volume = ServiceVolumeConfiguration.builder().name("scratch")
                .managedEBSVolume(ebs -> ebs.sizeInGiB(20).roleArn("arn:aws:iam::123456789012:role/ebs")).build();
        assertRefused(team -> team.deployments(deployment -> deployment.status("PRIMARY")
                .volumeConfigurations(volume)), "volumeConfigurations.managedEBSVolume", "iam:PassRole");
    }

    @Test
    void aServiceTheTwinCanCopyPasses() {
        assertThatCode(() -> new EcsServiceControl(new RecordingEcs(TEAM)).requireTwinnable("shop", "orders"))
                .doesNotThrowAnyException();
    }

    private static void assertRefused(UnaryOperator<Service.Builder> team, String field, String remedy) {
        RecordingEcs ecs = new RecordingEcs(team.apply(TEAM.toBuilder()).build());

        InvalidInputException error = catchThrowableOfType(InvalidInputException.class,
                () -> new EcsServiceControl(ecs).requireTwinnable("shop", "orders"));

        assertThat(error).as("refused: " + field).isNotNull();
        assertThat(error.field()).isEqualTo("service");
        assertThat(error.getMessage()).contains("orders", field, remedy);
        assertThat(ecs.created).isEmpty();
    }
}
